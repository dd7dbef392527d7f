using System.Text;

namespace CloudPortal.Markdown;

/// <summary>
/// Where Markdig writes a body's HTML: a character buffer kept by the rendering thread from body to body.
/// The HTML is read from it twice (for its plain text, then encoded to the UTF-8 the page keeps), so it
/// never becomes a string of its own.
/// </summary>
internal sealed class HtmlBuffer : TextWriter
{
    [ThreadStatic]
    private static HtmlBuffer? t_buffer;

    private char[] _chars = new char[16 * 1024];
    private int _length;

    private HtmlBuffer()
    {
        NewLine = "\n";
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>The written HTML, valid until the thread's next <see cref="ForThisThread"/>.</summary>
    public ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

    /// <summary>This thread's buffer, emptied.</summary>
    public static HtmlBuffer ForThisThread()
    {
        var buffer = t_buffer ??= new HtmlBuffer();
        buffer._length = 0;
        return buffer;
    }

    public override void Write(char value)
    {
        Reserve(1);
        _chars[_length++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        buffer.CopyTo(_chars.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void WriteLine() => Write('\n');

    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    private void Reserve(int count)
    {
        if (_length + count > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_length + count, _chars.Length * 2));
        }
    }
}
