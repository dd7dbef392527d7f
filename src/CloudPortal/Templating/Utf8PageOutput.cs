using System.Text;
using Scriban.Runtime;

namespace CloudPortal.Templating;

/// <summary>
/// Where a layout writes its page: straight into UTF-8, in a buffer kept from page to page, so no page
/// exists as a string first. Scriban asks the output for its text at the end of <c>Template.Render</c>;
/// this one answers with an empty string, and the page's bytes are <see cref="Written"/>.
/// </summary>
internal sealed class Utf8PageOutput : IScriptOutput
{
    // Stateful, so a surrogate pair split between two writes still encodes as one character.
    private readonly Encoder _encoder = Encoding.UTF8.GetEncoder();
    private byte[] _buffer = new byte[32 * 1024];
    private int _length;

    public void Clear()
    {
        _length = 0;
        _encoder.Reset();
    }

    public void Write(string text, int offset, int count) => Append(text.AsSpan(offset, count), flush: false);

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }

    /// <summary>Appends text that is UTF-8 already, after any character the encoder still holds; returns the offset it starts at.</summary>
    public int WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        Append([], flush: true);
        var needed = _length + utf8.Length;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        utf8.CopyTo(_buffer.AsSpan(_length));
        var start = _length;
        _length += utf8.Length;
        return start;
    }

    /// <summary>The page written since <see cref="Clear"/>, as UTF-8, in this output's buffer.</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Append([], flush: true);
            return _buffer.AsSpan(0, _length);
        }
    }

    public override string ToString() => string.Empty;

    private void Append(ReadOnlySpan<char> chars, bool flush)
    {
        var needed = _length + Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        _length += _encoder.GetBytes(chars, _buffer.AsSpan(_length), flush);
    }
}
