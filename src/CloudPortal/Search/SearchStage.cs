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

    private readonly System.Collections.Concurrent.ConcurrentBag<Page> _carried = [];

    /// <summary>
    /// A page an incremental build kept: its document is taken from the last build's index when
    /// <see cref="Build"/> finds it there unchanged, else its HTML is read back and indexed.
    /// </summary>
    public void Carry(Page page)
    {
        if (KindOf(page) is not null)
        {
            _carried.Add(page);
        }
    }

    /// <summary>The index files.</summary>
    /// <param name="readIntact">A file of the last build's output, or null when it is missing or changed since.</param>
    /// <param name="readKept">The HTML of a kept page, for a language whose last index cannot be used.</param>
    public IReadOnlyList<(string OutputPath, byte[] Content)> Build(Func<string, byte[]?> readIntact, Func<Page, byte[]> readKept)
    {
        foreach (var language in _carried.GroupBy(p => p.Lang, StringComparer.Ordinal))
        {
            var carried = language.Select(p => (Url: Links.Href(_graph.Config, p.Url), Kind: KindOf(p)!, Title: TitleOf(p))).ToList();
            var previous = PreviousIndex.Read(language.Key, readIntact);
            if (SearchIndexWriter.Covers(previous, carried))
            {
                _writer.UsePrevious(previous!);
                foreach (var (url, kind, title) in carried)
                {
                    _writer.AddCarried(language.Key, url, kind, title);
                }
            }
            else
            {
                var pages = language.ToArray();
                CloudPortal.Build.IndexLoop.ForEach(pages.Length, i => Add(pages[i], readKept(pages[i])), run: 1);
            }
        }

        return _writer.Build();
    }

    private static string TitleOf(Page page) => page.Kind == PageKind.Tag ? "#" + page.Title : page.Title;

    public void Add(Page page, ReadOnlySpan<byte> html)
    {
        if (DocumentOf(_graph.Config, page, html) is { } document)
        {
            _writer.Add(document);
        }
    }

    /// <summary>A page's search document: the text of its <c>&lt;main&gt;</c>; null for a page the index does not hold.</summary>
    internal static SearchDocument? DocumentOf(Configuration.SiteConfig config, Page page, ReadOnlySpan<byte> html)
    {
        if (KindOf(page) is not { } kind)
        {
            return null;
        }

        var start = html.IndexOf(MainStart);
        var end = html.LastIndexOf(MainEnd);
        var main = start >= 0 && end > start ? Encoding.UTF8.GetString(html[start..end]) : Encoding.UTF8.GetString(html);
        return new SearchDocument(Links.Href(config, page.Url), page.Lang, kind, TitleOf(page), Text.PlainText.FromHtml(main));
    }

    public IReadOnlyList<(string OutputPath, byte[] Content)> Build() => _writer.Build();

    /// <summary>Articles, pages, records and first tag pages are found; lists, archives and later pages of a list are not.</summary>
    internal static string? KindOf(Page page) => page.Kind switch
    {
        PageKind.Article => "article",
        PageKind.Page => "page",
        PageKind.Entity => page.Entity!.Kind.Name,
        PageKind.Tag when page.Pager is not { Number: > 1 } => "tag",
        _ => null,
    };
}
