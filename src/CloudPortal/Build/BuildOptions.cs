namespace CloudPortal.Build;

/// <summary>What to build: the site root (holding cloudportal.yaml, content/ and themes/) and where the site goes.</summary>
public sealed record BuildOptions(string SourceRoot)
{
    /// <summary>The output folder; default <c>public/</c> under the site root.</summary>
    public string? OutputDirectory { get; init; }

    public bool IncludeDrafts { get; init; }

    /// <summary>Include pages whose <c>date</c> is after <see cref="Now"/>.</summary>
    public bool IncludeFuture { get; init; }

    /// <summary>Include pages whose <c>expires</c> is before <see cref="Now"/>.</summary>
    public bool IncludeExpired { get; init; }

    /// <summary>The moment future and expired pages are judged against; the only use of the clock in a build.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Overrides the config's <c>base_url</c>, e.g. for a preview deployment under a sub-path.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>False for <c>cloudportal check</c>: every validation runs, nothing is written.</summary>
    public bool WriteOutput { get; init; } = true;

    /// <summary>Told of each step and of pages rendered as the build goes; for a console's progress display.</summary>
    public IProgress<BuildProgress>? Progress { get; init; }

    /// <summary>Keep what a preview needs to render an edited page at once (<see cref="BuildResult.Preview"/>); for long-running servers.</summary>
    public bool KeepForPreview { get; init; }

    /// <summary>URLs per sitemap file before it becomes an index; the protocol's limit, lowered only by tests.</summary>
    internal int SitemapUrlsPerFile { get; init; } = Publishing.Sitemap.MaxUrlsPerFile;

    public string ResolvedOutput => Path.GetFullPath(OutputDirectory ?? Path.Combine(SourceRoot, "public"));

    /// <summary>The builder's own state (output manifest, staging), kept out of the published folder.</summary>
    public string CacheDirectory => Path.Combine(Path.GetFullPath(SourceRoot), ".cloudportal");
}
