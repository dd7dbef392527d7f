namespace CloudPortal.Publishing;

/// <summary>A file the build writes besides the pages (feeds, sitemap, robots.txt, redirects), relative to the output root.</summary>
internal sealed record PublishedFile(string OutputPath, byte[] Content);
