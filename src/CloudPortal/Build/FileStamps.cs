namespace CloudPortal.Build;

/// <summary>
/// The size and modification time of every file under some folders of a site, by '/'-separated path from
/// the site root, in ordinal order of path: what the build fingerprint is made of, and what the content
/// loader would otherwise ask the file system again.
/// </summary>
internal sealed class FileStamps
{
    private FileStamps(string[] paths, long[] sizes, long[] mtimeTicks)
    {
        Paths = paths;
        Sizes = sizes;
        MtimeTicks = mtimeTicks;
    }

    public string[] Paths { get; }

    public long[] Sizes { get; }

    public long[] MtimeTicks { get; }

    /// <summary>The site config's size and time, or (-1, 0) without one; set by the build fingerprint, which covers it.</summary>
    public (long Size, long Mtime) Config { get; internal set; } = (-1, 0);

    public static FileStamps Of(string root, IEnumerable<string> folders)
    {
        var paths = new List<string>();
        // What to cut from a full path to leave it relative: the root and one separator ("site/" ends in one).
        var cut = Path.EndsInDirectorySeparator(root) ? root.Length : root.Length + 1;
        foreach (var folder in folders)
        {
            var full = Path.Combine(root, folder);
            if (Directory.Exists(full))
            {
                // Every path found starts with the root, so it is cut rather than worked out.
                paths.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Select(f => f[cut..].Replace('\\', '/')));
            }
        }

        var sorted = paths.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var sizes = new long[sorted.Length];
        var ticks = new long[sorted.Length];
        // One stat per file, on every core: the stats are most of what a build with nothing to do costs.
        // A loop over indexes, not PLINQ over tuples or Parallel.For, whose generic code would be compiled
        // at start-up.
        IndexLoop.ForEach(sorted.Length, i =>
        {
            // A file deleted since it was listed counts as changed (size -1), not as an error.
            if (!Output.FileStat.TryGet(root, sorted[i], out sizes[i], out ticks[i]))
            {
                (sizes[i], ticks[i]) = (-1, 0);
            }
        });
        return new FileStamps(sorted, sizes, ticks);
    }

    public Dictionary<string, (long Size, long MtimeTicks)> ToDictionary()
    {
        var files = new Dictionary<string, (long Size, long MtimeTicks)>(Paths.Length, StringComparer.Ordinal);
        for (var i = 0; i < Paths.Length; i++)
        {
            if (Sizes[i] >= 0)
            {
                files[Paths[i]] = (Sizes[i], MtimeTicks[i]);
            }
        }

        return files;
    }
}
