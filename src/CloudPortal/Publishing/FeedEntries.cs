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

    public static string AbsoluteHtml(SiteGraph graph, Page page) => FeedBodies.AbsoluteHtml(graph.Config, page.BodyHtml);

    public static string FeedPath(string prefix, string file) => prefix.Length == 0 ? file : $"{prefix}/{file}";
}
