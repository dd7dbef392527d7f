using CloudPortal.Configuration;

namespace CloudPortal.Graph;

/// <summary>Where a site URL points once published under the base URL, which may have a sub-path.</summary>
public static class Links
{
    /// <summary>"/articles/x/" under base "https://example.org/portal/" → "/portal/articles/x/".</summary>
    public static string Href(SiteConfig config, string url) => config.BasePath + url.TrimStart('/');

    public static string Absolute(SiteConfig config, string url) =>
        config.BaseUrl.GetLeftPart(UriPartial.Authority) + Href(config, url);
}
