using CloudPortal.Knowledge;
using CloudPortal.Loading;

namespace CloudPortal.Graph;

/// <summary>
/// One output page. The graph creates every page, with its URL, language, title and relations, before
/// anything renders; rendering only reads it (plus the body HTML the Markdown stage fills in).
/// </summary>
public sealed class Page
{
    private static int _created;

    private readonly List<Page> _translations = [];

    // Pages are keys of hash sets and dictionaries all through the build (backlinks, related articles,
    // render keys). The default hash code is set in the object's header by a runtime call on first use,
    // which sampled at 100 ms for the backlinks of 10,000 articles; a number taken at creation is free.
    // Equality stays reference equality.
    private readonly int _hashCode = Interlocked.Increment(ref _created);

    internal Page(PageKind kind, string lang, string url, string title, string layoutSection, string translationKey)
    {
        Kind = kind;
        Lang = lang;
        Url = url;
        Title = title;
        LayoutSection = layoutSection;
        TranslationKey = translationKey;
    }

    public PageKind Kind { get; }

    public override int GetHashCode() => _hashCode;

    public string Lang { get; }

    /// <summary>Site-relative URL path, '/'-rooted, before the base path: "/en/articles/x/".</summary>
    public string Url { get; }

    public string Title { get; }

    /// <summary>The layout this page uses when it names none: its section's, then "default".</summary>
    public string LayoutSection { get; }

    public string TranslationKey { get; }

    public SourcePage? Source { get; init; }

    public Entity? Entity { get; init; }

    public string? Tag { get; init; }

    /// <summary>For case explorer pages: the filter they show.</summary>
    public CaseFilter? Filter { get; init; }

    /// <summary>For an alias (an old URL kept working), the page it redirects to.</summary>
    public Page? AliasOf { get; init; }

    public DateTimeOffset? Date { get; init; }

    /// <summary>For archive pages: the year, and the month when the page covers one month.</summary>
    public (int Year, int? Month)? Period { get; init; }

    /// <summary>For list pages split over several pages; null on single pages.</summary>
    public Pager? Pager { get; init; }

    /// <summary>All items of the list this page is one page of (Listed holds only this page's slice).</summary>
    public int ListTotal { get; internal set; }

    /// <summary>The front matter's summary, or one cut from the body at a sentence end by the Markdown stage.</summary>
    public string? Summary { get; internal set; }

    /// <summary>CJK characters and Latin words of the body; set by the Markdown stage.</summary>
    public Text.ScriptCounter.Counts Counts { get; internal set; }

    /// <summary>Pages this page lists (newest first), for homes, sections, tags and entity indexes.</summary>
    public IReadOnlyList<Page> Listed { get; internal set; } = [];

    /// <summary>The same page in the other languages, in the site's language order.</summary>
    public IReadOnlyList<Page> Translations => _translations;

    /// <summary>Internal links written in the Markdown body, as rendered, with where each was written.</summary>
    internal Dictionary<string, Diagnostics.SourceLocation> BodyLinks { get; } = new(StringComparer.Ordinal);

    /// <summary>The body's headings (level 2 and 3) for a table of contents; set by the Markdown stage.</summary>
    internal IReadOnlyList<TocEntry> Toc { get; set; } = [];

    /// <summary>Keys ("provider:huawei-cloud") of every record the page names, in front matter or body, in first-mention order.</summary>
    internal List<string> MentionedEntities { get; } = [];

    /// <summary>Up to five related articles in the same language; set after the Markdown stage.</summary>
    public IReadOnlyList<Page> Related { get; internal set; } = [];

    private byte[]? _bodyHtml;
    private Func<byte[]>? _bodyRenderer;

    /// <summary>
    /// The rendered Markdown body, UTF-8; set by the Markdown stage, or, when an incremental build took
    /// the body's facts from its cache, rendered on first use (only pages that are rendered again need it).
    /// </summary>
    internal byte[]? BodyHtml
    {
        get
        {
            if (_bodyHtml is null && _bodyRenderer is { } render)
            {
                lock (this)
                {
                    if (_bodyHtml is null)
                    {
                        _bodyHtml = render();
                        _bodyRenderer = null;
                    }
                }
            }

            return _bodyHtml;
        }
        set => _bodyHtml = value;
    }

    /// <summary>A hash of <see cref="BodyHtml"/>, known without rendering it; part of the page's render key.</summary>
    internal Incremental.Hash128 BodyHash { get; set; }

    internal void RenderBodyOnDemand(Func<byte[]> render) => _bodyRenderer = render;

    /// <summary>Lets the body's HTML go once the page is rendered and the feeds are written: nothing reads it after that.</summary>
    internal void ReleaseBodyHtml()
    {
        lock (this)
        {
            _bodyHtml = null;
            _bodyRenderer = null;
        }
    }

    /// <summary>The path of the file this page is written to, relative to the output folder.</summary>
    public string OutputPath => _outputPath ??= UrlPaths.ToOutputPath(Url);

    private string? _outputPath;

    /// <summary>The page's render key in an incremental build (null: it has none and always renders).</summary>
    internal Incremental.Hash128? RenderKey { get; set; }

    /// <summary>A hash of the element ids of the page's HTML, for the next incremental build's link check.</summary>
    internal ulong IdsHash { get; set; }

    /// <summary>True when an incremental build kept the page's output from the last build instead of rendering it.</summary>
    internal bool Kept { get; set; }

    /// <summary>Where the page's output holds its body, when its layout printed the body once and as it is (see <see cref="Templating.BodyWrites"/>).</summary>
    internal (int Start, int Length)? BodyRange { get; set; }

    public string SourcePath => Source?.Path ?? Entity?.File ?? "";

    internal void AddTranslation(Page page) => _translations.Add(page);

    public override string ToString() => $"{Kind} {Url}";
}
