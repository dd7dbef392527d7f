using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace CloudPortal.Output;

/// <summary>
/// What the last successful build wrote: each file's content hash, size and modification time. A file
/// whose new content hashes the same and whose disk copy is untouched is not written again.
/// </summary>
internal sealed class OutputManifest
{
    public sealed record Entry(string Hash, long Size, long MtimeTicks);

    public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>A hash of the manifest as saved: the build cache records it to know it describes this very output.</summary>
    public ulong Stamp { get; private set; }

    public static OutputManifest Load(string path)
    {
        var manifest = new OutputManifest();
        if (!File.Exists(path))
        {
            return manifest;
        }

        var bytes = File.ReadAllBytes(path);
        manifest.Stamp = System.IO.Hashing.XxHash64.HashToUInt64(bytes);
        // Read from the UTF-8 bytes line by line: decoded whole, the text of a large site's manifest is one
        // string of megabytes, made only to be cut up.
        ReadOnlySpan<byte> text = bytes;
        manifest.Entries.EnsureCapacity(text.Count((byte)'\n'));
        for (var next = 0; NextLine(text, ref next) is { } range;)
        {
            if (TryReadLine(text[range], out var file, out var hash, out var size, out var mtime))
            {
                manifest.Entries[Encoding.UTF8.GetString(file)] = new Entry(Encoding.UTF8.GetString(hash), size, mtime);
            }
        }

        return manifest;
    }

    /// <summary>
    /// The files a saved manifest lists, with the size and time each had, in the manifest's order; null when
    /// there is no manifest. Only what checking the output needs: no hashes, no dictionary.
    /// </summary>
    public static FileList? ReadFileList(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> text = bytes;
        var count = text.Count((byte)'\n') + 1;
        var files = new FileList(bytes, new Range[count], new long[count], new long[count]);
        var n = 0;
        for (var next = 0; NextLine(text, ref next) is { } range;)
        {
            if (TryReadLine(text[range], out var file, out _, out var size, out var mtime))
            {
                // The path is a line's first field.
                var start = range.Start.GetOffset(bytes.Length);
                (files.Paths[n], files.Sizes[n], files.MtimeTicks[n]) = (new Range(start, start + file.Length), size, mtime);
                n++;
            }
        }

        return files with { Count = n };
    }

    /// <summary>
    /// Paths (relative to the output folder, as UTF-8 ranges of <see cref="Text"/>) with sizes and times;
    /// the first <see cref="Count"/> entries are used. No string per path: a build with nothing to do
    /// only hands them to the kernel.
    /// </summary>
    public sealed record FileList(byte[] Text, Range[] Paths, long[] Sizes, long[] MtimeTicks)
    {
        public int Count { get; init; }

        public ReadOnlySpan<byte> PathOf(int index)
        {
            var (offset, length) = Paths[index].GetOffsetAndLength(Text.Length);
            return new ReadOnlySpan<byte>(Text, offset, length);
        }

        /// <summary>The content hash a line lists, as the ASCII hex digits written (the field after the path).</summary>
        public ReadOnlySpan<byte> HashOf(int index)
        {
            var (offset, length) = Paths[index].GetOffsetAndLength(Text.Length);
            var rest = new ReadOnlySpan<byte>(Text, offset + length + 1, Text.Length - offset - length - 1);
            return rest[..rest.IndexOf((byte)'\t')];
        }

        /// <summary>Every path of the list with its index.</summary>
        public Dictionary<string, int> ToIndex()
        {
            var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
            for (var i = 0; i < Count; i++)
            {
                index[Encoding.UTF8.GetString(PathOf(i))] = i;
            }

            return index;
        }

        /// <summary>The index of a path in the list, or -1.</summary>
        public int IndexOf(string relativePath)
        {
            var utf8 = Encoding.UTF8.GetBytes(relativePath);
            for (var i = 0; i < Count; i++)
            {
                if (PathOf(i).SequenceEqual(utf8))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>
    /// One line of a saved manifest: path \t hash \t size \t mtime, the numbers in decimal digits. False for a
    /// line of any other shape, which readers skip.
    /// </summary>
    private static bool TryReadLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> file, out ReadOnlySpan<byte> hash,
        out long size, out long mtime)
    {
        file = hash = default;
        size = mtime = 0;
        var tab = line.IndexOf((byte)'\t');
        if (tab < 0)
        {
            return false;
        }

        file = line[..tab];
        var rest = line[(tab + 1)..];
        if ((tab = rest.IndexOf((byte)'\t')) < 0)
        {
            return false;
        }

        hash = rest[..tab];
        rest = rest[(tab + 1)..];
        if ((tab = rest.IndexOf((byte)'\t')) < 0)
        {
            return false;
        }

        var sizeDigits = rest[..tab];
        rest = rest[(tab + 1)..];
        return rest.IndexOf((byte)'\t') < 0 && Number(sizeDigits, out size) && Number(rest, out mtime);
    }

    /// <summary>The next line of <paramref name="text"/> from <paramref name="start"/> (without its '\n'), or null at the end.</summary>
    // Plain index loops rather than span splitting: a build with nothing to do reads a manifest once, and the
    // splitting enumerators were compiled at run time for it.
    private static Range? NextLine(ReadOnlySpan<byte> text, ref int start)
    {
        if (start > text.Length)
        {
            return null;
        }

        var end = text[start..].IndexOf((byte)'\n');
        var line = end < 0 ? new Range(start, text.Length) : new Range(start, start + end);
        start = end < 0 ? text.Length + 1 : start + end + 1;
        return line;
    }

    /// <summary>Decimal digits only, as <see cref="Save"/> writes them: no sign, no spaces.</summary>
    private static bool Number(ReadOnlySpan<byte> digits, out long value) =>
        Utf8Parser.TryParse(digits, out value, out var read) && read == digits.Length && char.IsAsciiDigit((char)digits[0]);

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written as UTF-8 straight away: a large site's manifest is megabytes, and made as a string first it
        // was that much garbage twice over.
        var buffer = new ArrayBufferWriter<byte>(Math.Max(Entries.Count * 96, 256));
        foreach (var (file, entry) in Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Append(buffer, file);
            Append(buffer, "\t");
            Append(buffer, entry.Hash);
            Append(buffer, "\t");
            AppendNumber(buffer, entry.Size);
            Append(buffer, "\t");
            AppendNumber(buffer, entry.MtimeTicks);
            Append(buffer, "\n");
        }

        var temp = path + ".tmp";
        Stamp = System.IO.Hashing.XxHash64.HashToUInt64(buffer.WrittenSpan);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(buffer.WrittenSpan);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Saves the manifest <paramref name="files"/> was read from with some of its lines replaced (the
    /// non-null ones of <paramref name="lines"/>, by index, each without its newline), every other byte as it
    /// was; returns the new stamp.
    /// </summary>
    public static ulong SaveReplacing(string path, FileList files, byte[]?[] lines)
    {
        var text = files.Text.AsSpan();
        var buffer = new ArrayBufferWriter<byte>(text.Length + 4096);
        var at = 0;
        for (var index = 0; index < files.Count; index++)
        {
            if (lines[index] is not { } line)
            {
                continue;
            }

            var start = files.Paths[index].GetOffsetAndLength(text.Length).Offset;
            var end = text[start..].IndexOf((byte)'\n') is var newline and >= 0 ? start + newline : text.Length;
            buffer.Write(text[at..start]);
            buffer.Write(line);
            at = end;
        }

        buffer.Write(text[at..]);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(buffer.WrittenSpan);
        }

        File.Move(temp, path, overwrite: true);
        return System.IO.Hashing.XxHash64.HashToUInt64(buffer.WrittenSpan);
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        buffer.Advance(written);
    }

    private static void AppendNumber(ArrayBufferWriter<byte> buffer, long value)
    {
        Utf8Formatter.TryFormat(value, buffer.GetSpan(20), out var written);
        buffer.Advance(written);
    }
}
