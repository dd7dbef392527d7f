using CloudPortal.Configuration;

namespace CloudPortal.Graph;

/// <summary>Where a site URL points once published under the base URL, which may have a sub-path.</summary>
public static class Links
{
    /// <summary>"/articles/x/" under base "https://example.org/portal/" → "/portal/articles/x/".</summary>
    public static string Href(SiteConfig config, string url) =>
        // Under a base URL without a sub-path a site URL is its own link: no new string for each of the
        // dozens of links on every page.
        config.BasePath == "/" && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            ? url
            : config.BasePath + url.TrimStart('/');

    public static string Absolute(SiteConfig config, string url) =>
        config.BaseUrl.GetLeftPart(UriPartial.Authority) + Href(config, url);
}
