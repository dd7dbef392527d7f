using System.Buffers.Text;
using System.Globalization;
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
        foreach (var range in text.Split((byte)'\n'))
        {
            // path \t hash \t size \t mtime; a line of any other shape is skipped.
            var line = text[range];
            if (Fields(line, out var file, out var hash, out var sizeText, out var mtimeText)
                && Utf8Parser.TryParse(sizeText, out long size, out var sizeLength) && sizeLength == sizeText.Length
                && Utf8Parser.TryParse(mtimeText, out long mtime, out var mtimeLength) && mtimeLength == mtimeText.Length)
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

        ReadOnlySpan<byte> text = File.ReadAllBytes(path);
        var count = text.Count((byte)'\n') + 1;
        var files = new FileList(new string[count], new long[count], new long[count]);
        var n = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (Fields(line, out var file, out _, out var sizeText, out var mtimeText)
                && Utf8Parser.TryParse(sizeText, out long size, out var sizeLength) && sizeLength == sizeText.Length
                && Utf8Parser.TryParse(mtimeText, out long mtime, out var mtimeLength) && mtimeLength == mtimeText.Length)
            {
                (files.Paths[n], files.Sizes[n], files.MtimeTicks[n]) = (Encoding.UTF8.GetString(file), size, mtime);
                n++;
            }
        }

        return files with { Count = n };
    }

    /// <summary>Paths (relative to the output folder) with sizes and times; the first <see cref="Count"/> entries are used.</summary>
    public sealed record FileList(string[] Paths, long[] Sizes, long[] MtimeTicks)
    {
        public int Count { get; init; }
    }

    /// <summary>The four tab-separated fields of a line; false when it has another number of them.</summary>
    private static bool Fields(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> file, out ReadOnlySpan<byte> hash,
        out ReadOnlySpan<byte> size, out ReadOnlySpan<byte> mtime)
    {
        file = hash = size = mtime = default;
        var tab = line.IndexOf((byte)'\t');
        if (tab < 0)
        {
            return false;
        }

        file = line[..tab];
        line = line[(tab + 1)..];
        tab = line.IndexOf((byte)'\t');
        if (tab < 0)
        {
            return false;
        }

        hash = line[..tab];
        line = line[(tab + 1)..];
        tab = line.IndexOf((byte)'\t');
        if (tab < 0)
        {
            return false;
        }

        size = line[..tab];
        mtime = line[(tab + 1)..];
        return mtime.IndexOf((byte)'\t') < 0;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new StringBuilder();
        foreach (var (file, entry) in Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            builder.Append(file).Append('\t').Append(entry.Hash).Append('\t')
                .Append(entry.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(entry.MtimeTicks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var temp = path + ".tmp";
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        Stamp = System.IO.Hashing.XxHash64.HashToUInt64(bytes);
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
