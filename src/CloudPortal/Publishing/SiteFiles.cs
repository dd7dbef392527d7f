using System.Text;
using CloudPortal.Graph;

namespace CloudPortal.Publishing;

/// <summary>The small files hosts and crawlers look for: robots.txt, _redirects, and the alias redirect pages.</summary>
internal static class SiteFiles
{
    public static PublishedFile Robots(SiteGraph graph) =>
        new("robots.txt", Encoding.UTF8.GetBytes($"User-agent: *\nAllow: /\n\nSitemap: {Links.Absolute(graph.Config, "/" + Sitemap.FileName)}\n"));

    /// <summary>Netlify / Cloudflare Pages style redirects, one permanent redirect per alias.</summary>
    public static PublishedFile Redirects(SiteGraph graph)
    {
        var builder = new StringBuilder();
        foreach (var alias in graph.Pages.Where(p => p.Kind == PageKind.Alias))
        {
            builder.Append(Links.Href(graph.Config, alias.Url)).Append(' ')
                .Append(Links.Href(graph.Config, alias.AliasOf!.Url)).Append(" 301\n");
        }

        return new PublishedFile("_redirects", Encoding.UTF8.GetBytes(builder.ToString()));
    }

    /// <summary>A page at an old URL that sends readers and crawlers to the page's current URL.</summary>
    public static byte[] RedirectPage(SiteGraph graph, Page alias)
    {
        var target = Links.Absolute(graph.Config, alias.AliasOf!.Url);
        var href = Templating.HtmlEscaper.Escape(Links.Href(graph.Config, alias.AliasOf.Url));
        var title = Templating.HtmlEscaper.Escape(alias.AliasOf.Title);
        var html = $"""
            <!DOCTYPE html>
            <html lang="{alias.Lang}">
            <head>
            <meta charset="utf-8">
            <title>{title}</title>
            <link rel="canonical" href="{Templating.HtmlEscaper.Escape(target)}">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url={href}">
            </head>
            <body>
            <p><a href="{href}">{title}</a></p>
            </body>
            </html>

            """;
        return Encoding.UTF8.GetBytes(html);
    }
}
