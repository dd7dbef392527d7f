using System.Buffers;
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
        return IsUnicodeWithMark(bytes) ? DecodeWithMark(bytes) : Encoding.UTF8.GetString(WithoutUtf8Mark(bytes));
    }

    /// <summary>
    /// The Markdown body of a file whose front matter was read before, or null when it no longer has one.
    /// Read into pooled buffers: only the body becomes a string, as it is read again for every page that renders.
    /// </summary>
    public static string? ReadBody(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = checked((int)RandomAccess.GetLength(handle));
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            while (read < length && RandomAccess.Read(handle, bytes.AsSpan(read, length - read), read) is var n and > 0)
            {
                read += n;
            }

            ReadOnlySpan<byte> content = bytes.AsSpan(0, read);
            if (IsUnicodeWithMark(content))
            {
                return FrontMatter.BodyOf(DecodeWithMark(content.ToArray()));
            }

            content = WithoutUtf8Mark(content);
            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(content.Length));
            try
            {
                var count = Encoding.UTF8.GetChars(content, chars);
                return FrontMatter.BodyOf(chars.AsSpan(0, count));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static ReadOnlySpan<byte> WithoutUtf8Mark(ReadOnlySpan<byte> bytes) => bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    private static bool IsUnicodeWithMark(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));

    private static string DecodeWithMark(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
