using System.Buffers;
using System.Text;

namespace CloudPortal.Loading;

/// <summary>Reads a content file as text: UTF-8 (a byte order mark is dropped), or UTF-16/32 when its mark says so.</summary>
internal static class SourceText
{
    /// <summary>The Markdown body of a file whose front matter was read before, or null when it no longer has one.</summary>
    public static string? ReadBody(string path) => WithText(path, static text => FrontMatter.BodyOf(text));

    public delegate T TextReader<out T>(ReadOnlySpan<char> text);

    /// <summary>
    /// Hands a file's text to <paramref name="read"/> from pooled buffers, so that only what it keeps becomes
    /// a string: front matter at loading, the body at rendering, never the whole file.
    /// </summary>
    public static T WithText<T>(string path, TextReader<T> read)
    {
        using var handle = File.OpenHandle(path);
        var length = checked((int)RandomAccess.GetLength(handle));
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var total = 0;
            while (total < length && RandomAccess.Read(handle, bytes.AsSpan(total, length - total), total) is var n and > 0)
            {
                total += n;
            }

            ReadOnlySpan<byte> content = bytes.AsSpan(0, total);
            if (IsUnicodeWithMark(content))
            {
                return read(DecodeWithMark(content.ToArray()));
            }

            content = WithoutUtf8Mark(content);
            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(content.Length));
            try
            {
                var count = Encoding.UTF8.GetChars(content, chars);
                return read(chars.AsSpan(0, count));
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
