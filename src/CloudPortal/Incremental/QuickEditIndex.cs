using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Templating;

namespace CloudPortal.Incremental;

/// <summary>
/// What a quick edit (<see cref="QuickEdit"/>) needs of the last build, in a file of its own beside the build
/// cache: the size and time of every input file, which body fields the theme can read, and for each page
/// whose layout printed its body once and as it is, where its output holds the body and what the body
/// showed (<see cref="QuickEntry"/>). Laid out to be read in a few milliseconds: sizes, times and where each
/// file's entry is, as arrays read in one piece (the paths as one hash, checked against this build's list);
/// the entries of changed files only, by offset. A quick edit patches it in place.
/// </summary>
internal sealed class QuickEditIndex
{
    private const string Magic = "cloudportal-quick-2";

    private QuickEditIndex(string path, string options, BodyFields reads, ulong manifestStamp, long stampAt, ulong pathsHash,
        (long Size, long Mtime) config, IReadOnlyList<QuickFeed> feeds, long[] sizes, long[] mtimes, long[] entryOffsets, long arraysAt)
    {
        Feeds = feeds;
        FilePath = path;
        Options = options;
        Reads = reads;
        ManifestStamp = manifestStamp;
        _stampAt = stampAt;
        PathsHash = pathsHash;
        Config = config;
        Sizes = sizes;
        MtimeTicks = mtimes;
        EntryOffsets = entryOffsets;
        _arraysAt = arraysAt;
    }

    private readonly long _stampAt;
    private readonly long _arraysAt;

    public string FilePath { get; }

    /// <summary>The build options and theme the last build ran with (<see cref="OptionsOf"/>).</summary>
    public string Options { get; }

    public BodyFields Reads { get; }

    public ulong ManifestStamp { get; }

    /// <summary>A hash of the input files' paths, in order (<see cref="HashOfPaths"/>).</summary>
    public ulong PathsHash { get; }

    public (long Size, long Mtime) Config { get; }

    /// <summary>The full-content feeds and where they hold the bodies of pages with an entry.</summary>
    public IReadOnlyList<QuickFeed> Feeds { get; }

    public long[] Sizes { get; }

    public long[] MtimeTicks { get; }

    /// <summary>Where in the file each input's entry is, or -1 when it has none.</summary>
    public long[] EntryOffsets { get; }

    public static string PathFor(string cacheDirectory, string outputRoot) =>
        Path.Combine(cacheDirectory, "quick-" + Output.OutputWriter.FolderKey(outputRoot) + ".bin");

    public static string OptionsOf(Build.BuildOptions options, string theme) => Build.BuildFingerprint.OptionsLine(options) + " theme=" + theme;

    public static ulong HashOfPaths(string[] paths)
    {
        var hash = new System.IO.Hashing.XxHash64();
        var buffer = new byte[1024];
        foreach (var path in paths)
        {
            if (System.Text.Encoding.UTF8.GetMaxByteCount(path.Length) + 1 > buffer.Length)
            {
                buffer = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
            }

            var length = System.Text.Encoding.UTF8.GetBytes(path, buffer);
            buffer[length] = (byte)'\n';
            hash.Append(buffer.AsSpan(0, length + 1));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>The index of the last build, or null when there is none or it cannot be read.</summary>
    public static QuickEditIndex? Load(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            using var reader = CacheBinary.Reader(stream);
            if (reader.ReadString() != Magic || reader.ReadString() != BuildCache.EngineVersion)
            {
                return null;
            }

            var options = reader.ReadString();
            var reads = (BodyFields)reader.ReadByte();
            var stampAt = stream.Position;
            var stamp = reader.ReadUInt64();
            var pathsHash = reader.ReadUInt64();
            var config = (reader.ReadInt64(), reader.ReadInt64());
            var feeds = new List<QuickFeed>();
            for (var feedCount = reader.ReadInt32(); feedCount > 0; feedCount--)
            {
                var feedPath = reader.ReadString();
                var rows = new QuickFeed.Row[reader.ReadInt32()];
                var rowsAt = stream.Position;
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i] = new QuickFeed.Row(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
                }

                feeds.Add(new QuickFeed(feedPath, rowsAt, rows));
            }

            var count = reader.ReadInt32();
            if (count < 0 || stream.Position + (long)count * 3 * sizeof(long) > stream.Length)
            {
                return null;
            }

            var arraysAt = stream.Position;
            var (sizes, mtimes, offsets) = (new long[count], new long[count], new long[count]);
            foreach (var array in new[] { sizes, mtimes, offsets })
            {
                stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
            }

            return BitConverter.IsLittleEndian ? new QuickEditIndex(path, options, reads, stamp, stampAt, pathsHash, config, feeds, sizes, mtimes, offsets, arraysAt) : null;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null; // no index: a changed file goes through the full build
        }
    }

    /// <summary>The entry of an input file, or null when it cannot be read (a damaged index costs a full build).</summary>
    public QuickEntry? Entry(int file, string sourcePath)
    {
        try
        {
            using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            stream.Position = EntryOffsets[file];
            using var reader = CacheBinary.Reader(stream);
            return QuickEntry.Read(reader, sourcePath);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException or FormatException
            or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// After a quick edit: the changed files' sizes and times and their entries' new bodies, in place, then
    /// the new manifest's stamp. The stamp is blanked first, so an index cut off half way is never used.
    /// </summary>
    public void Update(IReadOnlyList<(int File, long Size, long Mtime, QuickEntry Entry)> changes, IReadOnlyList<QuickFeed> feeds, ulong newStamp)
    {
        using var stream = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1);
        using var writer = CacheBinary.Writer(stream);
        void At(long offset, Action<BinaryWriter> write)
        {
            writer.Flush();
            stream.Position = offset;
            write(writer);
        }

        At(_stampAt, w => w.Write(0UL));
        writer.Flush();
        stream.Flush();
        var count = Sizes.Length;
        foreach (var (file, size, mtime, entry) in changes)
        {
            At(_arraysAt + (long)file * sizeof(long), w => w.Write(size));
            At(_arraysAt + ((long)count + file) * sizeof(long), w => w.Write(mtime));
            At(EntryOffsets[file], entry.WriteBody);
        }

        foreach (var feed in feeds)
        {
            At(feed.RowsAt, w =>
            {
                foreach (var row in feed.Rows)
                {
                    w.Write(row.File);
                    w.Write(row.Start);
                    w.Write(row.Length);
                }
            });
        }

        writer.Flush();
        stream.Flush();
        At(_stampAt, w => w.Write(newStamp));
        writer.Flush();
    }

    /// <summary>Writes an index aside; <see cref="BuildCache.Pending.Save"/> adds the stamp of the manifest it describes.</summary>
    public static BuildCache.Pending WriteAside(string path, string options, BodyFields reads, Build.FileStamps stamps,
        IReadOnlyList<QuickFeed> feeds, IReadOnlyDictionary<string, QuickEntry> entries)
    {
        return BuildCache.Pending.Write(path, writer =>
        {
            writer.Write(Magic);
            writer.Write(BuildCache.EngineVersion);
            writer.Write(options);
            writer.Write((byte)reads);
        }, writer =>
        {
            writer.Write(HashOfPaths(stamps.Paths));
            writer.Write(stamps.Config.Size);
            writer.Write(stamps.Config.Mtime);
            writer.Write(feeds.Count);
            foreach (var feed in feeds)
            {
                writer.Write(feed.FeedPath);
                writer.Write(feed.Rows.Length);
                foreach (var row in feed.Rows)
                {
                    writer.Write(row.File);
                    writer.Write(row.Start);
                    writer.Write(row.Length);
                }
            }

            var count = stamps.Paths.Length;
            writer.Write(count);
            var encoded = new byte[count][];
            for (var i = 0; i < count; i++)
            {
                encoded[i] = entries.TryGetValue(stamps.Paths[i], out var entry) ? entry.Encode() : [];
            }

            foreach (var value in stamps.Sizes)
            {
                writer.Write(value);
            }

            foreach (var value in stamps.MtimeTicks)
            {
                writer.Write(value);
            }

            // Entries follow the offsets: the header so far, then one offset per file.
            writer.Flush();
            var offset = writer.BaseStream.Position + (long)count * sizeof(long);
            for (var i = 0; i < count; i++)
            {
                writer.Write(encoded[i].Length == 0 ? -1L : offset);
                offset += encoded[i].Length;
            }

            foreach (var bytes in encoded)
            {
                writer.Write(bytes);
            }
        });
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

    /// <summary>How many full-content feeds hold the body (each has a row in <see cref="QuickFeed"/>).</summary>
    public int Feeds { get; init; }

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
            writer.Write(facts.BodyLinks.Count);
            foreach (var link in facts.BodyLinks)
            {
                writer.Write(link.Url);
            }

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

    /// <summary>The fields a quick edit changes, first and of fixed size, so it can write them in place.</summary>
    public void WriteBody(BinaryWriter writer)
    {
        writer.Write(BodyStart);
        writer.Write(BodyLength);
        writer.Write(BodyHash);
    }

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = CacheBinary.Writer(stream))
        {
            WriteBody(writer);
            writer.Write((int)Kind);
            writer.Write(Url);
            writer.Write(Title);
            writer.Write(FrontMatterHash);
            writer.WriteList(Warnings, (w, d) => w.Write(d));
            writer.Write(ShownHash);
            writer.WriteList(ArticleLinks, (w, a) =>
            {
                w.Write(a.Id);
                w.Write(a.Url);
                w.Write(a.Title);
            });
            writer.WriteStrings(BodyEntities);
            writer.Write(Feeds);
        }

        return stream.ToArray();
    }

    public static QuickEntry Read(BinaryReader reader, string sourcePath)
    {
        var (start, length, bodyHash) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadHash128());
        var kind = (PageKind)reader.ReadInt32();
        var (url, title, frontMatterHash) = (reader.ReadString(), reader.ReadString(), reader.ReadHash128());
        var warnings = reader.ReadList(r => r.ReadDiagnostic());
        var shown = reader.ReadHash128();
        var articles = new (string, string, string)[reader.ReadCount()];
        for (var i = 0; i < articles.Length; i++)
        {
            articles[i] = (reader.ReadString(), reader.ReadString(), reader.ReadString());
        }

        return new QuickEntry(sourcePath, start, length, kind, url, title, frontMatterHash, warnings, bodyHash, shown, articles, reader.ReadStrings())
        {
            Feeds = reader.ReadInt32(),
        };
    }
}

/// <summary>
/// Where a full-content feed (by its path in the output) holds the bodies of pages with an entry: for each,
/// the page's source file (its index in the list of inputs) and the range, in feed order.
/// </summary>
internal sealed record QuickFeed(string FeedPath, long RowsAt, QuickFeed.Row[] Rows)
{
    public sealed record Row(int File, int Start, int Length);
}
