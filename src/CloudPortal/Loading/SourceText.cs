using System.Text;

namespace CloudPortal.Loading;

/// <summary>Reads a content file as text: UTF-8 (a byte order mark is dropped), or UTF-16/32 when its mark says so.</summary>
internal static class SourceText
{
    // Every Markdown file is read at least once per build (twice when its body is let go after loading):
    // one read into a byte array and one decode cost less than a StreamReader building the string in chunks.
    public static string Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            return Encoding.UTF8.GetString(span[3..]);
        }

        if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF)))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(span);
    }
}
