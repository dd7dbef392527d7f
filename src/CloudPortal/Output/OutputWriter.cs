using System.Collections.Concurrent;
using System.IO.Hashing;

namespace CloudPortal.Output;

/// <summary>
/// Writes a build's files so that a failed build changes nothing: new and changed files go to a staging
/// folder first and are moved into the output folder only by <see cref="Commit"/>. Unchanged files are
/// neither rewritten nor touched (their mtime stays), and files the previous build wrote but this one
/// does not are removed at commit. Files in the output folder that no build wrote are left alone.
/// </summary>
internal sealed class OutputWriter
{
    private readonly string _outputRoot;
    private readonly string _stagingRoot;
    private readonly string _manifestPath;
    private readonly OutputManifest _previous;
    // MtimeTicks is known for files kept as they are; staged files get theirs when moved into place.
    private readonly ConcurrentDictionary<string, (string Hash, long Size, string? StagedFile, long MtimeTicks)> _files;

    // Folders already created in staging: asking the file system again costs a system call per file.
    private readonly ConcurrentDictionary<string, byte> _stagingFolders;

    /// <param name="expectedFiles">About how many files this build writes, when known (the graph's pages).</param>
    /// <param name="previous">The last build's manifest when the caller read it already (<see cref="ReadManifest"/>).</param>
    public OutputWriter(string outputRoot, string cacheRoot, int expectedFiles = 0, OutputManifest? previous = null)
    {
        (_outputRoot, _manifestPath, _stagingRoot) = Locations(outputRoot, cacheRoot);
        _previous = previous ?? OutputManifest.Load(_manifestPath);
        // Sized for this build's or the last build's files with room to spare: a concurrent dictionary that
        // grows takes all its locks, and the rendering threads wait on them (a first build at 10,000 articles,
        // sized for 1,024, waited 0.4 s).
        _files = new(Environment.ProcessorCount * 8, Math.Max(Math.Max(_previous.Entries.Count, expectedFiles) * 2, 1024), StringComparer.Ordinal);
        _stagingFolders = new(Environment.ProcessorCount * 8, Math.Max(expectedFiles * 2, 1024), StringComparer.Ordinal);
        ManifestStamp = _previous.Stamp;
        if (Directory.Exists(_stagingRoot))
        {
            Directory.Delete(_stagingRoot, recursive: true);
        }
    }

    /// <summary>
    /// The manifest the last build of <paramref name="outputRoot"/> left (empty when none): for a build to
    /// read beside other work before it makes its writer (at 10,000 articles it takes 0.1 s).
    /// </summary>
    public static OutputManifest ReadManifest(string outputRoot, string cacheRoot) => OutputManifest.Load(Locations(outputRoot, cacheRoot).ManifestPath);

    /// <summary>
    /// True when the last build of <paramref name="outputRoot"/> left a manifest and every file it lists is
    /// still there with the size and time it left, with how many files that is. Read without making a
    /// writer: a build with nothing to do needs the list, not the hashes or a dictionary of it.
    /// </summary>
    public static bool OutputIntact(string outputRoot, string cacheRoot, out int fileCount) =>
        OutputIntact(outputRoot, ReadFileList(outputRoot, cacheRoot), out fileCount);

    /// <summary>The files the last build of <paramref name="outputRoot"/> listed in its manifest, for <see cref="OutputIntact(string, OutputManifest.FileList?, out int)"/>.</summary>
    public static OutputManifest.FileList? ReadFileList(string outputRoot, string cacheRoot) =>
        OutputManifest.ReadFileList(Locations(outputRoot, cacheRoot).ManifestPath);

    /// <summary>The same check, for a file list read already (a build with nothing to do reads it while it lists its content).</summary>
    public static bool OutputIntact(string outputRoot, OutputManifest.FileList? files, out int fileCount)
    {
        var root = Path.GetFullPath(outputRoot);
        fileCount = files?.Count ?? 0;
        if (files is null || files.Count == 0)
        {
            return false;
        }

        // One stat per file, on every core: this is most of what a build with nothing to do costs.
        var intact = true;
        var folder = FileStat.OpenFolder(root);
        try
        {
            Build.IndexLoop.ForEach(files.Count, i =>
            {
                // Joined, not resolved and checked as a path to write is: a stat writes nothing. After the
                // first difference the rest are skipped.
                if (Volatile.Read(ref intact)
                    && (!FileStat.TryGet(folder, root, files.PathOf(i), out var size, out var mtimeTicks) || size != files.Sizes[i] || mtimeTicks != files.MtimeTicks[i]))
                {
                    Volatile.Write(ref intact, false);
                }
            });
        }
        finally
        {
            FileStat.CloseFolder(folder);
        }

        return intact;
    }

    /// <summary>
    /// The name part that ties the files in a site's <c>.cloudportal/</c> to one output folder: a hash of
    /// its full path, in hexadecimal (formatted as a number: the vectorised byte-to-hex conversion was
    /// compiled at start-up).
    /// </summary>
    internal static string FolderKey(string fullPath) =>
        XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes(fullPath)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The output folder's full path, and where its manifest and its staging folder are kept.</summary>
    private static (string OutputRoot, string ManifestPath, string StagingRoot) Locations(string outputRoot, string cacheRoot)
    {
        var root = Path.GetFullPath(outputRoot);
        var key = FolderKey(root);
        return (root, Path.Combine(cacheRoot, "output-" + key + ".tsv"), Path.Combine(cacheRoot, "staging-" + key));
    }

    public int PreviousFileCount => _previous.Entries.Count;

    /// <summary>The stamp of the manifest this writer started from, and after <see cref="Commit"/> of the one it saved.</summary>
    public ulong ManifestStamp { get; private set; }

    /// <summary>
    /// Keeps a file of the last build as it is, without its content: true when the last build wrote it and
    /// it is still there as that build left it; false when it must be written again.
    /// </summary>
    public bool TryKeep(string relativePath)
    {
        if (!_previous.Entries.TryGetValue(relativePath, out var before))
        {
            return false;
        }

        // Gone (or its folder is), or changed: written again.
        if (!FileStat.TryGet(_outputRoot, relativePath, out var size, out var mtimeTicks)
            || size != before.Size || mtimeTicks != before.MtimeTicks)
        {
            return false;
        }

        _files[relativePath] = (before.Hash, before.Size, null, before.MtimeTicks);
        return true;
    }

    /// <summary>A file of the last build, read back, or null when it is missing or not as that build left it.</summary>
    public byte[]? ReadIntact(string relativePath)
    {
        if (!_previous.Entries.TryGetValue(relativePath, out var before))
        {
            return null;
        }

        try
        {
            var full = FullPath(relativePath);
            var info = new FileInfo(full);
            if (info.Length != before.Size || info.LastWriteTimeUtc.Ticks != before.MtimeTicks)
            {
                return null;
            }

            var bytes = File.ReadAllBytes(full);
            return bytes.Length == before.Size ? bytes : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The content of a file kept by <see cref="TryKeep"/>, read back from the output folder.</summary>
    public byte[] ReadKept(string relativePath) => File.ReadAllBytes(FullPath(relativePath));

    public int Written { get; private set; }

    public int Unchanged { get; private set; }

    public int Removed { get; private set; }

    private readonly List<string> _changed = [];

    /// <summary>After <see cref="Commit"/>: the files written or removed, relative to the output folder.</summary>
    public IReadOnlyList<string> Changed => _changed;

    /// <summary>
    /// Creates, one after another, the staging folders of files a first build will write. Made in the
    /// rendering threads, two at a time, the folders of one parent contend for its lock.
    /// </summary>
    public void PrepareFolders(IEnumerable<string> relativePaths)
    {
        foreach (var relativePath in relativePaths)
        {
            _stagingFolders.GetOrAdd(Path.GetDirectoryName(Path.Combine(_stagingRoot, relativePath))!, static f =>
            {
                Directory.CreateDirectory(f);
                return 0;
            });
        }
    }

    /// <summary>Records one output file; writes it to staging only if it differs from what is on disk.</summary>
    public void Add(string relativePath, ReadOnlySpan<byte> content)
    {
        var fullPath = FullPath(relativePath);
        var hash = Convert.ToHexStringLower(XxHash128.Hash(content));
        if (_previous.Entries.TryGetValue(relativePath, out var before) && before.Hash == hash && before.Size == content.Length)
        {
            var info = new FileInfo(fullPath);
            if (info.Exists && info.Length == before.Size && info.LastWriteTimeUtc.Ticks == before.MtimeTicks)
            {
                _files[relativePath] = (hash, content.Length, null, before.MtimeTicks);
                return;
            }
        }

        // Staged under its final relative path, so a first build can move the whole tree in one rename.
        var staged = Path.Combine(_stagingRoot, relativePath);
        var folder = Path.GetDirectoryName(staged)!;
        // The entry appears only once its factory has created the folder, so no thread writes into a folder
        // another thread has claimed but not made yet.
        _stagingFolders.GetOrAdd(folder, static f =>
        {
            Directory.CreateDirectory(f);
            return 0;
        });
        using (var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            stream.Write(content);
        }


        _files[relativePath] = (hash, content.Length, staged, 0);
    }

    public void Commit()
    {
        if (!Directory.Exists(_outputRoot) && TryMoveWholeTree())
        {
            return;
        }

        Directory.CreateDirectory(_outputRoot);
        var manifest = new OutputManifest();
        var createdDirectories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (relative, file) in _files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var fullPath = FullPath(relative);
            if (file.StagedFile is not null)
            {
                var directory = Path.GetDirectoryName(fullPath)!;
                if (createdDirectories.Add(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                File.Move(file.StagedFile, fullPath, overwrite: true);
                Written++;
                _changed.Add(relative);
            }
            else
            {
                Unchanged++;
            }

            manifest.Entries[relative] = new OutputManifest.Entry(file.Hash, file.Size,
                file.StagedFile is null ? file.MtimeTicks : File.GetLastWriteTimeUtc(fullPath).Ticks);
        }

        foreach (var stale in _previous.Entries.Keys.Where(k => !_files.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            var fullPath = FullPath(stale);
            if (File.Exists(fullPath))
            {
                File.Delete(fullPath);
                Removed++;
                _changed.Add(stale);
                RemoveEmptyParents(Path.GetDirectoryName(fullPath)!);
            }
        }

        manifest.Save(_manifestPath);
        ManifestStamp = manifest.Stamp;
        Abort();
    }

    /// <summary>With no previous output, the staged tree becomes the output folder in one rename.</summary>
    private bool TryMoveWholeTree()
    {
        if (_files.Values.Any(f => f.StagedFile is null))
        {
            return false;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_outputRoot)!);
            if (Directory.Exists(_stagingRoot))
            {
                Directory.Move(_stagingRoot, _outputRoot);
            }
            else
            {
                Directory.CreateDirectory(_outputRoot);
            }
        }
        catch (IOException)
        {
            // Another file system: fall back to moving file by file.
            return false;
        }

        // The manifest records each file's modification time, which only the file system knows: asked on
        // every core, one statx per file (a FileInfo per file, one after the other, took 0.1 s at 14,000 files).
        var files = _files.ToArray();
        var mtimes = new long[files.Length];
        Build.IndexLoop.ForEach(files.Length, i =>
        {
            if (!FileStat.TryGet(_outputRoot, files[i].Key, out _, out mtimes[i]))
            {
                mtimes[i] = File.GetLastWriteTimeUtc(FullPath(files[i].Key)).Ticks;
            }
        });
        var manifest = new OutputManifest();
        for (var i = 0; i < files.Length; i++)
        {
            manifest.Entries[files[i].Key] = new OutputManifest.Entry(files[i].Value.Hash, files[i].Value.Size, mtimes[i]);
        }

        Written = _files.Count;
        _changed.AddRange(_files.Keys.Order(StringComparer.Ordinal));
        manifest.Save(_manifestPath);
        ManifestStamp = manifest.Stamp;
        return true;
    }

    /// <summary>
    /// Writes a few files of the last build's output anew and saves its manifest with their lines replaced,
    /// every other file listed as it was: for a quick edit, which knows the only files it changes. A file
    /// whose content is what the manifest lists is not written. Each file is staged, then moved into place.
    /// </summary>
    /// <param name="files">The last build's manifest, checked intact by the caller (<see cref="OutputIntact(string, OutputManifest.FileList?, out int)"/>).</param>
    /// <returns>The new manifest's stamp and the files written.</returns>
    public static (ulong Stamp, List<string> Written) Patch(string outputRoot, string cacheRoot, OutputManifest.FileList files,
        IReadOnlyList<(string Path, byte[] Content)> changes)
    {
        var (root, manifestPath, stagingRoot) = Locations(outputRoot, cacheRoot);
        // By index in the list, so the manifest is rewritten in one pass in its own order.
        var lines = new byte[]?[files.Count];
        var written = new List<string>();
        // A few pages are found by scanning the list; a language's search index (a file per shard and chunk,
        // 1,650 at 10,000 articles) by a table of it, made once.
        var byPath = changes.Count > 8 ? files.ToIndex() : null;
        foreach (var (relative, content) in changes)
        {
            var index = byPath is null ? files.IndexOf(relative) : byPath.GetValueOrDefault(relative, -1);
            if (index < 0)
            {
                throw new InvalidOperationException($"'{relative}' is not a file of the last build's output");
            }

            var hash = Convert.ToHexStringLower(XxHash128.Hash(content));
            if (files.Sizes[index] == content.Length && files.HashOf(index).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(hash)))
            {
                continue;
            }

            var fullPath = FullPath(root, relative);
            Directory.CreateDirectory(stagingRoot);
            var staged = Path.Combine(stagingRoot, written.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllBytes(staged, content);
            File.Move(staged, fullPath, overwrite: true);
            var mtime = File.GetLastWriteTimeUtc(fullPath).Ticks;
            lines[index] = System.Text.Encoding.UTF8.GetBytes($"{relative}\t{hash}\t{content.Length}\t{mtime}");
            written.Add(relative);
        }

        if (Directory.Exists(stagingRoot))
        {
            Directory.Delete(stagingRoot, recursive: true);
        }

        return (written.Count == 0 ? XxHash64.HashToUInt64(files.Text) : OutputManifest.SaveReplacing(manifestPath, files, lines), written);
    }

    /// <summary>Drops everything staged; the output folder stays exactly as the last good build left it.</summary>
    public void Abort()
    {
        if (Directory.Exists(_stagingRoot))
        {
            Directory.Delete(_stagingRoot, recursive: true);
        }
    }

    private string FullPath(string relativePath) => FullPath(_outputRoot, relativePath);

    /// <summary>Resolves a relative output path, refusing any that would land outside the output folder.</summary>
    private static string FullPath(string outputRoot, string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(outputRoot, relativePath));
        if (!full.StartsWith(outputRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write '{relativePath}' outside the output folder");
        }

        return full;
    }

    private void RemoveEmptyParents(string directory)
    {
        while (directory.Length > _outputRoot.Length && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory)!;
        }
    }
}
