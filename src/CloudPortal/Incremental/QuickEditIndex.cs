using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Templating;

namespace CloudPortal.Incremental;

/// <summary>
/// What a quick edit (<see cref="QuickEdit"/>) needs of the last build, in a file of its own beside the build
/// cache, small enough to read in a few milliseconds: the size and time of every input file, which body
/// fields the theme can read, and for each page whose layout printed its body once and as it is, where
/// its output holds the body and the facts the body gave (<see cref="QuickEntry"/>). Entries are decoded
/// only for the files that changed.
/// </summary>
internal sealed class QuickEditIndex
{
    private const string Magic = "cloudportal-quick-1";

    private readonly byte[] _bytes;
    // Where each entry's bytes are, by source path: an index into the two arrays.
    private readonly Dictionary<string, int> _entries;
    private readonly int[] _offsets;
    private readonly int[] _lengths;

    private QuickEditIndex(string options, BodyFields reads, ulong manifestStamp, string[] paths, long[] sizes, long[] mtimes,
        (long Size, long Mtime) config, byte[] bytes, Dictionary<string, int> entries, int[] offsets, int[] lengths)
    {
        Options = options;
        Reads = reads;
        ManifestStamp = manifestStamp;
        Paths = paths;
        Sizes = sizes;
        MtimeTicks = mtimes;
        Config = config;
        _bytes = bytes;
        _entries = entries;
        _offsets = offsets;
        _lengths = lengths;
    }

    /// <summary>The build options and theme the last build ran with (<see cref="OptionsOf"/>).</summary>
    public string Options { get; }

    public BodyFields Reads { get; }

    public ulong ManifestStamp { get; }

    public string[] Paths { get; }

    public long[] Sizes { get; }

    public long[] MtimeTicks { get; }

    public (long Size, long Mtime) Config { get; }

    public static string PathFor(string cacheDirectory, string outputRoot) =>
        Path.Combine(cacheDirectory, "quick-" + Output.OutputWriter.FolderKey(outputRoot) + ".bin");

    public static string OptionsOf(Build.BuildOptions options, string theme) => Build.BuildFingerprint.OptionsLine(options) + " theme=" + theme;

    public bool HasEntry(string sourcePath) => _entries.ContainsKey(sourcePath);

    public QuickEntry Entry(string sourcePath)
    {
        var i = _entries[sourcePath];
        using var stream = new MemoryStream(_bytes, _offsets[i], _lengths[i], writable: false);
        using var reader = CacheBinary.Reader(stream);
        return QuickEntry.Read(reader, sourcePath);
    }

    /// <summary>The index of the last build, or null when there is none or it cannot be read.</summary>
    public static QuickEditIndex? Load(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = CacheBinary.Reader(stream);
            if (reader.ReadString() != Magic || reader.ReadString() != BuildCache.EngineVersion)
            {
                return null;
            }

            var options = reader.ReadString();
            var reads = (BodyFields)reader.ReadByte();
            var stamp = reader.ReadUInt64();
            var count = reader.ReadInt32();
            var (paths, sizes, mtimes) = (new string[count], new long[count], new long[count]);
            for (var i = 0; i < count; i++)
            {
                (paths[i], sizes[i], mtimes[i]) = (reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
            }

            var config = (reader.ReadInt64(), reader.ReadInt64());
            var entryCount = reader.ReadInt32();
            var entries = new Dictionary<string, int>(entryCount, StringComparer.Ordinal);
            var (offsets, lengths) = (new int[entryCount], new int[entryCount]);
            for (var i = 0; i < entryCount; i++)
            {
                entries[reader.ReadString()] = i;
                lengths[i] = reader.ReadInt32();
                offsets[i] = (int)stream.Position;
                stream.Position += lengths[i];
            }

            return stream.Position == bytes.Length
                ? new QuickEditIndex(options, reads, stamp, paths, sizes, mtimes, config, bytes, entries, offsets, lengths)
                : null;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null; // no index: a changed file goes through the full build
        }
    }

    public static void Forget(string path) => File.Delete(path);

    /// <summary>Writes an index aside; <see cref="BuildCache.Pending.Save"/> adds the stamp of the manifest it describes.</summary>
    public static BuildCache.Pending WriteAside(string path, string options, BodyFields reads, Build.FileStamps stamps, (long Size, long Mtime) config,
        IEnumerable<(string SourcePath, ReadOnlyMemory<byte> Encoded)> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        long stampAt;
        using (var stream = new BufferedStream(File.Create(temporary), 1 << 16))
        using (var writer = CacheBinary.Writer(stream))
        {
            writer.Write(Magic);
            writer.Write(BuildCache.EngineVersion);
            writer.Write(options);
            writer.Write((byte)reads);
            writer.Flush();
            stampAt = stream.Position;
            writer.Write(0UL);
            writer.Write(stamps.Paths.Length);
            for (var i = 0; i < stamps.Paths.Length; i++)
            {
                writer.Write(stamps.Paths[i]);
                writer.Write(stamps.Sizes[i]);
                writer.Write(stamps.MtimeTicks[i]);
            }

            writer.Write(config.Size);
            writer.Write(config.Mtime);
            var list = entries.OrderBy(e => e.SourcePath, StringComparer.Ordinal).ToList();
            writer.Write(list.Count);
            foreach (var (sourcePath, encoded) in list)
            {
                writer.Write(sourcePath);
                writer.Write(encoded.Length);
                writer.Write(encoded.Span);
            }
        }

        return new BuildCache.Pending(temporary, path, stampAt);
    }

    /// <summary>This index's entries as they are stored, with <paramref name="replaced"/> ones encoded anew.</summary>
    public IEnumerable<(string SourcePath, ReadOnlyMemory<byte> Encoded)> EntriesWith(IReadOnlyDictionary<string, QuickEntry> replaced)
    {
        foreach (var (sourcePath, i) in _entries)
        {
            yield return (sourcePath, replaced.TryGetValue(sourcePath, out var entry) ? entry.Encode() : _bytes.AsMemory(_offsets[i], _lengths[i]));
        }
    }
}

/// <summary>
/// One page a quick edit can write: its source file's front matter hash and warnings, the page as the
/// graph made it, where its output holds its body, a hash of that body, a hash of what the site and the
/// page's layout show of the body (<see cref="Shown"/>), and the articles and records the body named.
/// </summary>
internal sealed record QuickEntry(
    string SourcePath,
    int BodyStart,
    int BodyLength,
    PageKind Kind,
    string Url,
    string Title,
    Hash128 FrontMatterHash,
    IReadOnlyList<Diagnostic> Warnings,
    Hash128 BodyHash,
    Hash128 ShownHash,
    IReadOnlyList<(string Id, string Url, string Title)> ArticleLinks,
    IReadOnlyList<string> BodyEntities)
{
    public string OutputPath => UrlPaths.ToOutputPath(Url);

    public static QuickEntry Of(string sourcePath, Page page, (int Start, int Length) body, Hash128 frontMatterHash, IReadOnlyList<Diagnostic> warnings,
        CachedMarkdown facts, BodyFields reads) =>
        new(sourcePath, body.Start, body.Length, page.Kind, page.Url, page.Title, frontMatterHash, warnings, facts.BodyHash, Shown(facts, reads),
            facts.ArticleLinks, facts.BodyEntities);

    /// <summary>
    /// A hash of what other pages, and the page's own layout outside the body, can show of a body: its
    /// summary, the links and names in it, and the contents and word counts when a template can read them.
    /// </summary>
    public static Hash128 Shown(CachedMarkdown facts, BodyFields reads)
    {
        using var stream = new MemoryStream();
        using (var writer = CacheBinary.Writer(stream))
        {
            writer.WriteNullable(facts.Summary);
            writer.WriteStrings(facts.BodyLinks.Select(l => l.Url).ToList());
            writer.WriteStrings(facts.BodyEntities);
            writer.WriteList(facts.ArticleLinks, (w, a) =>
            {
                w.Write(a.Id);
                w.Write(a.Url);
                w.Write(a.Title);
            });
            if (reads.HasFlag(BodyFields.Toc))
            {
                writer.WriteList(facts.Toc, (w, e) =>
                {
                    w.Write(e.Level);
                    w.Write(e.Id);
                    w.Write(e.Text);
                });
            }

            writer.Write(reads.HasFlag(BodyFields.ReadingMinutes) ? facts.Counts.ReadingMinutes : -1);
            writer.Write(reads.HasFlag(BodyFields.WordCount) ? facts.Counts.Total : -1);
        }

        return Hash128.Of(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = CacheBinary.Writer(stream))
        {
            writer.Write(BodyStart);
            writer.Write(BodyLength);
            writer.Write((int)Kind);
            writer.Write(Url);
            writer.Write(Title);
            writer.Write(FrontMatterHash);
            writer.WriteList(Warnings, (w, d) => w.Write(d));
            writer.Write(BodyHash);
            writer.Write(ShownHash);
            writer.WriteList(ArticleLinks, (w, a) =>
            {
                w.Write(a.Id);
                w.Write(a.Url);
                w.Write(a.Title);
            });
            writer.WriteStrings(BodyEntities);
        }

        return stream.ToArray();
    }

    public static QuickEntry Read(BinaryReader reader, string sourcePath) => new(
        sourcePath,
        reader.ReadInt32(),
        reader.ReadInt32(),
        (PageKind)reader.ReadInt32(),
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadHash128(),
        reader.ReadList(r => r.ReadDiagnostic()),
        reader.ReadHash128(),
        reader.ReadHash128(),
        reader.ReadList(r => (r.ReadString(), r.ReadString(), r.ReadString())),
        reader.ReadStrings());
}
