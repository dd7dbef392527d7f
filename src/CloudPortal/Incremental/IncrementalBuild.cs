using CloudPortal.Build;
using CloudPortal.Graph;
using CloudPortal.Output;

namespace CloudPortal.Incremental;

/// <summary>
/// One build's use of the build cache: which front matter and Markdown facts can be taken from the last
/// build, which pages can keep their output as it is, and, after a commit, the cache for the next build.
/// </summary>
internal sealed class IncrementalBuild
{
    private readonly string _path;
    private readonly BuildCache? _previous;
    private Hash128 _siteKey;
    private Dictionary<Page, Hash128> _cards = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Knowledge.Entity, string), Hash128> _mentions = new();
    private bool _pagesUsable;
    private int _idsChanged;

    private IncrementalBuild(string path, BuildCache? previous, Hash128 sourceKey, Hash128 markdownKey)
    {
        _path = path;
        _previous = previous;
        SourceKey = sourceKey;
        Sources = previous is not null && previous.SourceKey == sourceKey ? previous.Sources : new Dictionary<string, CachedSource>();
        Markdown = new MarkdownCache(markdownKey, Sources
            .Where(s => s.Value.Markdown is not null)
            .ToDictionary(s => s.Key, s => s.Value.Markdown!, StringComparer.Ordinal))
        {
            Related = previous is not null && previous.SourceKey == sourceKey ? previous.Related : new RelatedCache(),
        };
    }

    public Hash128 SourceKey { get; }

    /// <summary>Front matter of the last build by file (empty when the engine or config changed).</summary>
    public IReadOnlyDictionary<string, CachedSource> Sources { get; }

    public MarkdownCache Markdown { get; }


    public static IncrementalBuild Start(BuildOptions options)
    {
        var path = BuildCache.PathFor(options.CacheDirectory, options.ResolvedOutput);
        var sourceKey = CacheKeys.Source(options);
        return new IncrementalBuild(path, BuildCache.Load(path), sourceKey, CacheKeys.Markdown(options, sourceKey));
    }

    /// <summary>Called once the graph is complete and the writer knows the last output: fixes the site-wide key.</summary>
    public void BeforeRender(BuildOptions options, string themeRoot, SiteGraph graph, OutputWriter writer)
    {
        _siteKey = CacheKeys.Render(options, Markdown.Key, themeRoot, graph);
        var cards = new Hash128[graph.Pages.Count];
        Build.IndexLoop.ForEach(cards.Length, i => cards[i] = RenderKeys.Card(graph.Pages[i]), run: 16);
        _cards = new Dictionary<Page, Hash128>(graph.Pages.Count);
        for (var i = 0; i < cards.Length; i++)
        {
            _cards[graph.Pages[i]] = cards[i];
        }

        _pagesUsable = _previous is not null && _previous.ManifestStamp == writer.ManifestStamp && writer.ManifestStamp != 0;
    }

    /// <summary>True when the page's output of the last build is still right and still on disk; it is then kept, not rendered.</summary>
    public bool TryKeep(Page page, SiteGraph graph, OutputWriter writer)
    {
        if (RenderKeys.For(page, _siteKey, graph, _cards, _mentions) is not { } key)
        {
            return false;
        }

        page.RenderKey = key;
        if (!_pagesUsable || !_previous!.Pages.TryGetValue(page.OutputPath, out var before) || before.RenderKey != key || !writer.TryKeep(page.OutputPath))
        {
            return false;
        }

        page.IdsHash = before.IdsHash;
        page.BodyRange = before.BodyRange;
        page.Kept = true;
        return true;
    }

    /// <summary>Records a page this build rendered, with the hash of its ids.</summary>
    public void Rendered(Page page, ulong idsHash)
    {
        page.IdsHash = idsHash;
        if (_pagesUsable && _previous!.Pages.TryGetValue(page.OutputPath, out var before) && before.IdsHash != idsHash)
        {
            Interlocked.Exchange(ref _idsChanged, 1);
        }
    }

    /// <summary>
    /// Kept pages were checked by the last build; their links still hold while the set of files a link may
    /// name is the same and no rendered page lost or gained an id. Otherwise they are checked again.
    /// </summary>
    public bool KeptPagesNeedChecking(ulong outputsHash) =>
        _pagesUsable && (_previous!.OutputsHash != outputsHash || Volatile.Read(ref _idsChanged) != 0);

    /// <summary>Writes the cache for the next build; only after the output is committed, so it always describes it.</summary>
    /// <summary>The cache for the next build, written aside but for the output manifest's stamp, which <see cref="BuildCache.Pending.Save"/> adds once the output is committed.</summary>
    public BuildCache.Pending Prepare(SiteGraph graph, IReadOnlyDictionary<string, CachedSource> loaded, ulong outputsHash)
    {
        var cache = new BuildCache(SourceKey) { OutputsHash = outputsHash };
        foreach (var (path, source) in loaded)
        {
            cache.Sources[path] = source with { Markdown = Markdown.Current(path) };
        }

        foreach (var page in graph.Pages)
        {
            if (page.RenderKey is { } key)
            {
                cache.Pages[page.OutputPath] = new CachedPage(key, page.IdsHash, page.BodyRange);
            }
        }

        foreach (var (lang, related) in Markdown.Related.Current)
        {
            cache.Related.Current[lang] = related;
        }

        return cache.WriteAside(_path);
    }

    /// <summary>
    /// The index a quick edit starts from (<see cref="QuickEditIndex"/>): the pages whose bodies can be written
    /// into their output alone, and where full-content feeds hold them. Pages a feed holds where it was not
    /// recorded are left out.
    /// </summary>
    public static BuildCache.Pending PrepareQuick(BuildOptions options, string theme, Templating.BodyFields reads, SiteGraph graph,
        IReadOnlyDictionary<string, CachedSource> loaded, MarkdownCache markdown, FileStamps stamps, IReadOnlyList<Publishing.FeedBody> feedBodies)
    {
        var config = graph.Config;
        var feedsOf = new Dictionary<Page, int>();
        if (config.FeedFullContent)
        {
            foreach (var language in config.LanguageCodes)
            {
                foreach (var page in Publishing.FeedEntries.Newest(graph, language))
                {
                    feedsOf[page] = FeedsPerLanguage;
                }
            }
        }

        var recorded = feedBodies.CountBy(b => b.Page).ToDictionary(c => c.Key, c => c.Value);
        var entries = new Dictionary<string, QuickEntry>(StringComparer.Ordinal);
        foreach (var page in graph.Pages)
        {
            if (page is not { Kind: PageKind.Article or PageKind.Page, Source: { } source, BodyRange: { } range }
                || feedsOf.GetValueOrDefault(page) != recorded.GetValueOrDefault(page)
                || markdown.Current(source.Path) is not { } facts
                || !loaded.TryGetValue(source.Path, out var read)
                || Array.BinarySearch(stamps.Paths, source.Path, StringComparer.Ordinal) < 0)
            {
                continue;
            }

            entries[source.Path] = QuickEntry.Of(source.Path, page, range, source.FrontMatterHash, read.Warnings, facts, reads) with
            {
                Feeds = recorded.GetValueOrDefault(page),
            };
        }

        // Each feed's bodies of pages with an entry, by the file's place in the list of inputs, in feed order.
        var feeds = feedBodies
            .Where(b => b.Page.Source is { } source && entries.ContainsKey(source.Path))
            .GroupBy(b => b.FeedPath, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new QuickFeed(g.Key, -1, g.OrderBy(b => b.Start)
                .Select(b => new QuickFeed.Row(Array.BinarySearch(stamps.Paths, b.Page.Source!.Path, StringComparer.Ordinal), b.Start, b.Length)).ToArray()))
            .ToList();
        return QuickEditIndex.WriteAside(QuickEditIndex.PathFor(options.CacheDirectory, options.ResolvedOutput),
            QuickEditIndex.OptionsOf(options, theme), reads, stamps, feeds, entries);
    }

    // An Atom feed and a JSON Feed per language, each with the same newest articles.
    private const int FeedsPerLanguage = 2;
}
