using System.Text;
using CloudPortal.Graph;

namespace CloudPortal.Search;

/// <summary>
/// Feeds rendered pages to the search index: the text of each page's <c>&lt;main&gt;</c>, so entity
/// pages are found by everything they show, not only by their data files' text.
/// </summary>
internal sealed class SearchStage
{
    private static readonly byte[] MainStart = Encoding.ASCII.GetBytes("<main");
    private static readonly byte[] MainEnd = Encoding.ASCII.GetBytes("</main>");

    private readonly SiteGraph _graph;
    private readonly SearchIndexWriter _writer = new();

    public SearchStage(SiteGraph graph) => _graph = graph;

    public static string IndexFolder(string lang) => $"search/{lang}/";

    public void Add(Page page, byte[] html)
    {
        if (KindOf(page) is not { } kind)
        {
            return;
        }

        var span = html.AsSpan();
        var start = span.IndexOf(MainStart);
        var end = span.LastIndexOf(MainEnd);
        var main = start >= 0 && end > start ? Encoding.UTF8.GetString(span[start..end]) : Encoding.UTF8.GetString(html);
        var text = Text.PlainText.FromHtml(main);
        _writer.Add(new SearchDocument(Links.Href(_graph.Config, page.Url), page.Lang, kind, page.Kind == PageKind.Tag ? "#" + page.Title : page.Title, text));
    }

    public IReadOnlyList<(string OutputPath, byte[] Content)> Build() => _writer.Build();

    /// <summary>Articles, pages, records and first tag pages are found; lists, archives and later pages of a list are not.</summary>
    private static string? KindOf(Page page) => page.Kind switch
    {
        PageKind.Article => "article",
        PageKind.Page => "page",
        PageKind.Entity => page.Entity!.Kind.Name,
        PageKind.Tag when page.Pager is not { Number: > 1 } => "tag",
        _ => null,
    };
}
