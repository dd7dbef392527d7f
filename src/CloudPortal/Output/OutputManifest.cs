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
        var text = Encoding.UTF8.GetString(bytes).AsSpan();
        manifest.Entries.EnsureCapacity(text.Count('\n'));
        Span<Range> parts = stackalloc Range[5];
        foreach (var range in text.Split('\n'))
        {
            // path \t hash \t size \t mtime; a line of any other shape is skipped.
            var line = text[range];
            if (line.Split(parts, '\t') == 4
                && long.TryParse(line[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                && long.TryParse(line[parts[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var mtime))
            {
                manifest.Entries[line[parts[0]].ToString()] = new Entry(line[parts[1]].ToString(), size, mtime);
            }
        }

        return manifest;
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
