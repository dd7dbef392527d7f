using System.Text;

namespace CloudPortal.Build;

/// <summary>
/// Paths in UTF-8, one per line of a single buffer, as a kept listing holds them. A build with nothing to
/// do stats and hashes them as bytes: decoding 10,000 paths into strings cost it more than the stats, most
/// of it in touching fresh memory. Strings are made when a later stage asks for them.
/// </summary>
internal sealed class PathList
{
    private readonly byte[] _bytes;

    // Path i is _bytes[_starts[i] .. _starts[i + 1] - 1]: each line ends in '\n'.
    private readonly int[] _starts;
    private string[]? _strings;

    private PathList(byte[] bytes, int[] starts, string[]? strings)
    {
        _bytes = bytes;
        _starts = starts;
        _strings = strings;
    }

    public int Count => _starts.Length - 1;

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index] - 1);

    /// <summary>The lines as they are kept: every path followed by '\n'.</summary>
    public ReadOnlySpan<byte> Lines => _bytes.AsSpan(_starts[0], _starts[^1] - _starts[0]);

    /// <summary>The paths as strings, made on first use.</summary>
    public string[] Strings
    {
        get
        {
            if (_strings is null)
            {
                var strings = new string[Count];
                for (var i = 0; i < strings.Length; i++)
                {
                    strings[i] = Encoding.UTF8.GetString(this[i]);
                }

                _strings = strings;
            }

            return _strings;
        }
    }

    public static PathList FromStrings(string[] paths)
    {
        var bytes = new byte[paths.Sum(p => Encoding.UTF8.GetByteCount(p) + 1)];
        var starts = new int[paths.Length + 1];
        var at = 0;
        for (var i = 0; i < paths.Length; i++)
        {
            starts[i] = at;
            at += Encoding.UTF8.GetBytes(paths[i], bytes.AsSpan(at));
            bytes[at++] = (byte)'\n';
        }

        starts[^1] = at;
        return new PathList(bytes, starts, paths);
    }

    /// <summary>The lines of <paramref name="bytes"/> from <paramref name="offset"/> to its end, which must end in '\n'.</summary>
    public static PathList FromLines(byte[] bytes, int offset)
    {
        var rest = bytes.AsSpan(offset);
        var count = rest.Count((byte)'\n');
        if (rest.Length > 0 && rest[^1] != (byte)'\n')
        {
            throw new FormatException("the listing does not end with a line break");
        }

        var starts = new int[count + 1];
        var at = offset;
        for (var i = 0; i < count; i++)
        {
            starts[i] = at;
            at += bytes.AsSpan(at).IndexOf((byte)'\n') + 1;
        }

        starts[^1] = at;
        return new PathList(bytes, starts, null);
    }
}
