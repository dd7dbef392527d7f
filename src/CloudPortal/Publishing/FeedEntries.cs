using System.Text;
using CloudPortal.Graph;

namespace CloudPortal.Publishing;

/// <summary>The newest articles of one language, as feeds list them.</summary>
internal static class FeedEntries
{
    public static IReadOnlyList<Page> Newest(SiteGraph graph, string lang) =>
        graph.Pages.Where(p => p.Kind == PageKind.Article && p.Lang == lang)
            .OrderByDescending(p => p.Date).ThenBy(p => p.Url, StringComparer.Ordinal)
            .Take(graph.Config.FeedItems)
            .ToList();

    public static DateTimeOffset Updated(Page page) => page.Source?.FrontMatter.Updated ?? page.Date ?? DateTimeOffset.UnixEpoch;

    /// <summary>Body HTML with root-relative links made absolute, since feed readers show it away from the site.</summary>
    public static string AbsoluteHtml(SiteGraph graph, Page page)
    {
        var html = page.BodyHtml is null ? "" : Encoding.UTF8.GetString(page.BodyHtml);
        var origin = graph.Config.BaseUrl.GetLeftPart(UriPartial.Authority);
        return html.Replace("href=\"/", $"href=\"{origin}/", StringComparison.Ordinal)
            .Replace("src=\"/", $"src=\"{origin}/", StringComparison.Ordinal);
    }

    public static string FeedPath(string prefix, string file) => prefix.Length == 0 ? file : $"{prefix}/{file}";
}
