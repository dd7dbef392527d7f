namespace CloudPortal.Publishing;

/// <summary>A file the build writes besides the pages (feeds, sitemap, robots.txt, redirects), relative to the output root.</summary>
internal sealed record PublishedFile(string OutputPath, byte[] Content)
{
    /// <summary>For a full-content feed: where each article's body is in <see cref="Content"/>.</summary>
    public IReadOnlyList<FeedBody> Bodies { get; init; } = [];
}
