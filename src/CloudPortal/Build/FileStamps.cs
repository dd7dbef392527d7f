namespace CloudPortal.Build;

/// <summary>
/// The size and modification time of every file under some folders of a site, by '/'-separated path from
/// the site root, in ordinal order of path: what the build fingerprint is made of, and what the content
/// loader would otherwise ask the file system again.
/// </summary>
internal sealed class FileStamps
{
    private FileStamps(PathList paths, long[] sizes, long[] mtimeTicks)
    {
        PathList = paths;
        Sizes = sizes;
        MtimeTicks = mtimeTicks;
    }

    /// <summary>The paths in UTF-8, as the fingerprint hashes them.</summary>
    public PathList PathList { get; }

    /// <summary>The paths as strings (made on first use).</summary>
    public string[] Paths => PathList.Strings;

    public int Count => PathList.Count;

    public long[] Sizes { get; }

    public long[] MtimeTicks { get; }

    /// <summary>The site config's size and time, or (-1, 0) without one; set by the build fingerprint, which covers it.</summary>
    public (long Size, long Mtime) Config { get; internal set; } = (-1, 0);

    /// <summary>The folders' files as they are now, and how they were found (for <see cref="SaveListing"/>).</summary>
    public FileListing? Listing { get; private init; }

    /// <param name="listingPath">Where the last build kept its listing of these folders, reused while no folder has changed; null to read them.</param>
    public static FileStamps Of(string root, IReadOnlyList<string> folders, string? listingPath = null)
    {
        var listing = FileListing.Of(root, folders, listingPath);
        var sorted = listing.Files;
        var sizes = new long[sorted.Count];
        var ticks = new long[sorted.Count];
        // One stat per file, on every core: the stats are most of what a build with nothing to do costs.
        // A loop over indexes, not PLINQ over tuples or Parallel.For, whose generic code would be compiled
        // at start-up.
        var folder = Output.FileStat.OpenFolder(root);
        try
        {
            IndexLoop.ForEach(sorted.Count, i =>
            {
                // A file deleted since it was listed counts as changed (size -1), not as an error.
                if (!Output.FileStat.TryGet(folder, root, sorted[i], out sizes[i], out ticks[i]))
                {
                    (sizes[i], ticks[i]) = (-1, 0);
                }
            });
        }
        finally
        {
            Output.FileStat.CloseFolder(folder);
        }

        return new FileStamps(sorted, sizes, ticks) { Listing = listing };
    }

    /// <summary>Keeps the listing for the next build of the same output, unless it came from there.</summary>
    public void SaveListing(BuildOptions options) => Listing?.Save(BuildFingerprint.ListingPathFor(options));

    public Dictionary<string, Loading.FileStamp> ToDictionary()
    {
        var files = new Dictionary<string, Loading.FileStamp>(Paths.Length, StringComparer.Ordinal);
        for (var i = 0; i < Paths.Length; i++)
        {
            if (Sizes[i] >= 0)
            {
                files[Paths[i]] = new Loading.FileStamp(Sizes[i], MtimeTicks[i]);
            }
        }

        return files;
    }
}
