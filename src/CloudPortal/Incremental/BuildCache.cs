using System.Text;

namespace CloudPortal.Incremental;

/// <summary>
/// The on-disk memory of the last successful build of one output folder, beside the output manifest in
/// the site's <c>.cloudportal/</c>: what each Markdown file held (<see cref="CachedSource"/>) and, per
/// output page, the key of everything its HTML was made from (<see cref="CachedPage"/>). A build uses an
/// entry only when its key still matches, so a stale or damaged cache costs time, never correctness;
/// the cache is written only after a build has committed its output.
/// </summary>
internal sealed class BuildCache
{
    private const string Magic = "cloudportal-cache-1";

    public BuildCache(Hash128 sourceKey)
    {
        SourceKey = sourceKey;
    }

    /// <summary>The engine and config that front matter was read with; entries of another key are ignored.</summary>
    public Hash128 SourceKey { get; }

    /// <summary>The output manifest this cache's pages describe (<see cref="Output.OutputManifest.Stamp"/>); pages of another are not used.</summary>
    public ulong ManifestStamp { get; init; }

    /// <summary>The set of link targets the kept pages' links were checked against (<see cref="Html.LinkChecker.OutputsHash"/>).</summary>
    public ulong OutputsHash { get; init; }

    public Dictionary<string, CachedSource> Sources { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CachedPage> Pages { get; } = new(StringComparer.Ordinal);

    public RelatedCache Related { get; } = new();

    public static string PathFor(string cacheDirectory, string outputRoot) =>
        Path.Combine(cacheDirectory, "pages-" + Output.OutputWriter.FolderKey(outputRoot) + ".bin");

    /// <summary>The cache of the last build, or null when there is none or it cannot be read.</summary>
    public static BuildCache? Load(string path)
    {
        try
        {
            using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
            using var reader = CacheBinary.Reader(stream);
            if (reader.ReadString() != Magic || reader.ReadString() != EngineVersion)
            {
                return null;
            }

            var cache = new BuildCache(reader.ReadHash128()) { ManifestStamp = reader.ReadUInt64(), OutputsHash = reader.ReadUInt64() };
            var sources = reader.ReadInt32();
            for (var i = 0; i < sources; i++)
            {
                var path2 = reader.ReadString();
                cache.Sources[path2] = CachedSource.Read(reader);
            }

            var pages = reader.ReadInt32();
            for (var i = 0; i < pages; i++)
            {
                var outputPath = reader.ReadString();
                cache.Pages[outputPath] = new CachedPage(reader.ReadHash128(), reader.ReadUInt64(), ReadRange(reader));
            }

            cache.Related.Read(reader);
            // Pages a quick edit wrote since (see ForgetPages): their keys no longer describe their files.
            while (stream.Position < stream.Length)
            {
                for (var forgotten = reader.ReadInt32(); forgotten > 0; forgotten--)
                {
                    cache.Pages.Remove(reader.ReadString());
                }
            }

            return cache;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null; // no cache, or one from an interrupted write: the build does all the work
        }
    }

    /// <summary>
    /// Writes the cache beside <paramref name="path"/> with a blank manifest stamp, filled in by
    /// <see cref="Pending.Save"/>: so the cache can be encoded while the output is committed, which is what
    /// gives the stamp. (Encoded into memory instead, its growing buffers went to the large object heap
    /// and set off full collections.)
    /// </summary>
    public Pending WriteAside(string path) => Pending.Write(path, writer =>
    {
        writer.Write(Magic);
        writer.Write(EngineVersion);
        writer.Write(SourceKey);
    }, writer =>
    {
        writer.Write(OutputsHash);
        writer.Write(Sources.Count);
        foreach (var (sourcePath, source) in Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            writer.Write(sourcePath);
            source.Write(writer);
        }

        writer.Write(Pages.Count);
        foreach (var (outputPath, page) in Pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(outputPath);
            writer.Write(page.RenderKey);
            writer.Write(page.IdsHash);
            writer.Write(page.BodyRange?.Start ?? -1);
            writer.Write(page.BodyRange?.Length ?? 0);
        }

        RelatedCache.Write(writer, Related.Current);
    });

    public void Save(string path) => WriteAside(path).Save(ManifestStamp);

    private static (int Start, int Length)? ReadRange(BinaryReader reader)
    {
        var start = reader.ReadInt32();
        var length = reader.ReadInt32();
        return start < 0 ? null : (start, length);
    }

    /// <summary>
    /// After a quick edit rewrote some pages and saved a new output manifest: the cache forgets those pages
    /// (a note appended to it) and takes the new manifest's stamp, so the next full build renders them and
    /// keeps the rest. A cache of another manifest than <paramref name="stamp"/> is left as it is, unusable.
    /// </summary>
    public static void ForgetPages(string path, IReadOnlyCollection<string> outputPaths, ulong stamp, ulong newStamp)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 4096);
        long stampAt;
        using (var reader = CacheBinary.Reader(file))
        {
            if (reader.ReadString() != Magic || reader.ReadString() != EngineVersion)
            {
                return;
            }

            reader.ReadHash128();
            stampAt = file.Position;
            if (reader.ReadUInt64() != stamp)
            {
                return;
            }
        }

        using var writer = CacheBinary.Writer(file);
        // The note first, then the stamp: interrupted between the two, the cache names another manifest and
        // goes unused, which costs time, never correctness.
        file.Seek(0, SeekOrigin.End);
        writer.Write(outputPaths.Count);
        foreach (var outputPath in outputPaths)
        {
            writer.Write(outputPath);
        }

        writer.Flush();
        file.Flush(flushToDisk: false);
        file.Position = stampAt;
        writer.Write(newStamp);
        writer.Flush();
    }

    /// <summary>A cache written to a temporary file, waiting for the stamp of the manifest it describes.</summary>
    public sealed class Pending(string temporary, string path, long stampAt)
    {
        /// <summary>Writes a file beside <paramref name="path"/>: its header, a blank stamp (<see cref="Save"/> fills it in), then the rest.</summary>
        public static Pending Write(string path, Action<BinaryWriter> header, Action<BinaryWriter> rest)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            long stampAt;
            using (var stream = new BufferedStream(File.Create(temporary), 1 << 16))
            using (var writer = CacheBinary.Writer(stream))
            {
                header(writer);
                writer.Flush();
                stampAt = stream.Position;
                writer.Write(0UL);
                rest(writer);
            }

            return new Pending(temporary, path, stampAt);
        }

        public void Save(ulong manifestStamp)
        {
            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None, 1))
            {
                Span<byte> stamp = stackalloc byte[sizeof(ulong)];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(stamp, manifestStamp);
                file.Position = stampAt;
                file.Write(stamp);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }

    public static void Forget(string path) => File.Delete(path);

    /// <summary>Another build of the engine may read and render differently: its cache is not ours.</summary>
    // Formatted as two numbers: a Guid's own formatting is vector code compiled at start-up, by every build.
    public static readonly string EngineVersion = EngineVersionOf(typeof(BuildCache).Assembly.ManifestModule.ModuleVersionId);

    private static string EngineVersionOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes)}-{System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..])}");
    }
}

/// <summary>
/// One output page of the last build: the key of its inputs (<see cref="RenderKeys"/>), a hash of the
/// element ids it has, which other pages' <c>#anchor</c> links were checked against, and where it holds its body.
/// </summary>
internal sealed record CachedPage(Hash128 RenderKey, ulong IdsHash, (int Start, int Length)? BodyRange);
