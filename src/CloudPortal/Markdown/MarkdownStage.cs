using System.Text;
using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Knowledge;
using CloudPortal.Loading;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CloudPortal.Markdown;

/// <summary>
/// Renders every Markdown body once, in parallel, resolving cross-references (<c>[](provider:x)</c>) to
/// URLs and recording them as backlinks. Runs after the graph is complete and before any template.
/// </summary>
internal sealed class MarkdownStage
{
    private readonly SiteGraph _graph;
    private readonly DiagnosticBag _diagnostics;
    private readonly MarkdownPipeline _pipeline;
    private readonly Dictionary<(string Key, string Lang), Page> _articles;

    private readonly string? _sourceRoot;
    private readonly Incremental.MarkdownCache? _cache;

    public MarkdownStage(SiteGraph graph, MarkdownPipeline pipeline, DiagnosticBag diagnostics, string? sourceRoot = null, Incremental.MarkdownCache? cache = null)
    {
        _graph = graph;
        _pipeline = pipeline;
        _diagnostics = diagnostics;
        _sourceRoot = sourceRoot;
        _cache = cache;
        _articles = graph.Pages.Where(p => p.Kind == PageKind.Article).ToDictionary(p => (p.TranslationKey, p.Lang));
    }

    public void Run()
    {
        var pages = _graph.Pages.Where(p => p.Source is not null && p.Kind != PageKind.Alias).ToArray();
        Build.IndexLoop.ForEach(pages.Length, i =>
        {
            var page = pages[i];
            if (!page.Source!.BodyFromCache || _cache?.Find(page.Source.Path) is not { } cached || !Restore(page, cached))
            {
                page.BodyHtml = Render(page);
            }
        }, run: 1);
        _graph.Backlinks.Freeze();
        RelatedArticles.Compute(_graph, _cache?.Related);
    }

    internal byte[] Render(Page page)
    {
        var source = page.Source!;
        var facts = new BodyFacts(Record: true, _diagnostics);
        var bytes = RenderWithFacts(page, Parse(page, source, BodyOf(source, _diagnostics), facts));
        page.BodyHash = Incremental.Hash128.Of(bytes);
        _cache?.Remember(source.Path, new Incremental.CachedMarkdown(_cache.Key, page.BodyHash, page.Summary, page.Counts, page.Toc,
            page.BodyLinks.Select(l => (l.Key, l.Value)).ToList(), facts.Entities, facts.Articles));
        if (_sourceRoot is not null)
        {
            source.ReleaseBody();
        }

        return bytes;
    }

    private ParsedBody Parse(Page page, SourcePage source, string body, BodyFacts facts)
    {
        var document = Markdig.Markdown.Parse(body, _pipeline);
        var headings = new List<HeadingBlock>();
        // One walk over blocks and inlines, in document order, for links and headings alike: Markdig's
        // Descendants<T> would walk the whole tree once per type.
        Visit(document);
        return new ParsedBody(document, headings);

        void Visit(Block block)
        {
            if (block is HeadingBlock heading)
            {
                headings.Add(heading);
            }

            if (block is LeafBlock { Inline: { } inline })
            {
                VisitInline(inline);
            }
            else if (block is ContainerBlock container)
            {
                foreach (var child in container)
                {
                    Visit(child);
                }
            }
        }

        void VisitInline(ContainerInline container)
        {
            for (var child = container.FirstChild; child is not null; child = child.NextSibling)
            {
                if (child is LinkInline link)
                {
                    Rewrite(page, source, link, facts);
                    if (facts.Record && link.Url is { Length: > 0 } url && !url.Contains("://", StringComparison.Ordinal))
                    {
                        page.BodyLinks.TryAdd(url, new SourceLocation(source.Path, source.BodyLine + link.Line, link.Column + 1));
                    }
                }

                if (child is ContainerInline nested)
                {
                    VisitInline(nested);
                }
            }
        }
    }

    private sealed record ParsedBody(MarkdownDocument Document, List<HeadingBlock> Headings);

    /// <summary>
    /// Takes a body's facts from the last build when its file, the config and the data are unchanged and
    /// every article it links to still has the URL and title it had; the HTML itself renders only if a
    /// template asks for it.
    /// </summary>
    private bool Restore(Page page, Incremental.CachedMarkdown cached)
    {
        if (cached.Key != _cache!.Key)
        {
            return false;
        }

        foreach (var (id, url, title) in cached.ArticleLinks)
        {
            if (FindArticle(page, id) is not { } target || target.Url != url || target.Title != title)
            {
                return false;
            }
        }

        var entities = new List<Knowledge.Entity>(cached.BodyEntities.Count);
        foreach (var key in cached.BodyEntities)
        {
            var colon = key.IndexOf(':');
            if (_graph.Entities.Find(key[..colon], key[(colon + 1)..]) is not { } entity)
            {
                return false;
            }

            entities.Add(entity);
        }

        foreach (var entity in entities)
        {
            GraphBuilder.RecordBodyReference(_graph, page, entity);
        }

        foreach (var (url, at) in cached.BodyLinks)
        {
            page.BodyLinks.TryAdd(url, at);
        }

        page.Toc = cached.Toc;
        page.Counts = cached.Counts;
        page.Summary = cached.Summary;
        page.BodyHash = cached.BodyHash;
        page.RenderBodyOnDemand(() => RenderAgain(page));
        _cache.Remember(page.Source!.Path, cached);
        return true;
    }

    /// <summary>
    /// Renders one body outside a build (for a preview of an edited page): problems go to
    /// <paramref name="diagnostics"/>, and nothing is recorded in the graph. Callers render one at a time.
    /// </summary>
    internal byte[] RenderDetached(Page page, DiagnosticBag diagnostics)
    {
        var source = page.Source!;
        return RenderWithFacts(page, Parse(page, source, BodyOf(source, diagnostics), new BodyFacts(Record: false, diagnostics)));
    }

    /// <summary>The HTML of a parsed body, with the facts a page keeps of it: contents, word counts and (unless the front matter has one) summary.</summary>
    private byte[] RenderWithFacts(Page page, ParsedBody body)
    {
        page.Toc = TableOfContents(body.Headings);
        var html = ToHtml(body.Document).Written;
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            var text = Text.PlainText.FromHtml(html, buffer);
            page.Counts = Text.ScriptCounter.Count(text);
            page.Summary ??= text.Length == 0 ? null : Text.Summarizer.Summarize(text.ToString());
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }

        return Utf8(html);
    }

    /// <summary>The HTML of a body whose facts came from the cache: its file is read again; nothing is recorded twice.</summary>
    private byte[] RenderAgain(Page page)
    {
        var source = page.Source!;
        var parsed = Parse(page, source, BodyOf(source, _diagnostics), new BodyFacts(Record: false, _diagnostics));
        return Utf8(ToHtml(parsed.Document).Written);
    }

    private HtmlBuffer ToHtml(MarkdownDocument document)
    {
        var html = HtmlBuffer.ForThisThread();
        Markdig.Markdown.ToHtml(document, html, _pipeline);
        return html;
    }

    private static byte[] Utf8(ReadOnlySpan<char> html)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(html)];
        Encoding.UTF8.GetBytes(html, bytes);
        return bytes;
    }

    /// <summary>
    /// The Markdown body; read again from the file when it is not held (the front matter came from the
    /// cache, or the body was let go after loading). A file removed or unreadable since is reported.
    /// </summary>
    private string BodyOf(SourcePage source, DiagnosticBag diagnostics)
    {
        if (!source.BodyOnDisk)
        {
            return source.Body;
        }

        try
        {
            return SourceText.ReadBody(Path.Combine(_sourceRoot!, source.Path)) ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(SourceLocation.FileOnly(source.Path), $"the file changed or went away while the site was building ({e.Message}); build again");
            return "";
        }
    }

    /// <summary>
    /// What a body links to beyond its own text, kept so a cached body can be checked against the current
    /// graph; <paramref name="Record"/> is false for a body rendered again, whose links are known already.
    /// </summary>
    private sealed record BodyFacts(bool Record, DiagnosticBag Diagnostics)
    {
        public List<string> Entities { get; } = [];

        public List<(string Id, string Url, string Title)> Articles { get; } = [];
    }

    /// <summary>Headings of level 2 and 3, once an article has enough of them for a contents list to help.</summary>
    private static IReadOnlyList<TocEntry> TableOfContents(List<HeadingBlock> all)
    {
        var headings = all
            .Where(h => h.Level is 2 or 3 && h.GetAttributes().Id is { Length: > 0 })
            .Select(h => new TocEntry(h.Level, h.GetAttributes().Id!, PlainText(h.Inline)))
            .ToList();
        return headings.Count(h => h.Level == 2) >= MinimumHeadingsForToc ? headings : [];
    }

    private const int MinimumHeadingsForToc = 3;

    private static string PlainText(ContainerInline? inline)
    {
        var builder = new StringBuilder();
        Append(inline, builder);
        return builder.ToString().Trim();

        static void Append(Inline? node, StringBuilder builder)
        {
            switch (node)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case ContainerInline container:
                    for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                    {
                        Append(child, builder);
                    }

                    break;
            }
        }
    }

    private void Rewrite(Page page, SourcePage source, LinkInline link, BodyFacts facts)
    {
        if (link.Url is { } url && (url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal)))
        {
            // Content pages are read in other people's browsers: keep linked sites from scripting our window.
            link.GetAttributes().AddPropertyIfNotExist("rel", "noopener");
            return;
        }

        if (CrossReference.TryParse(link.Url) is not { } reference)
        {
            return;
        }

        var location = new SourceLocation(source.Path, source.BodyLine + link.Line, link.Column + 1);
        var (target, name) = Resolve(page, reference, location, facts);
        if (target is null)
        {
            link.Url = "#";
            return;
        }

        link.Url = Links.Href(_graph.Config, target) + (reference.Anchor is null ? "" : "#" + reference.Anchor);
        if (link.FirstChild is null)
        {
            link.AppendChild(new LiteralInline(name));
        }
    }

    private Page? FindArticle(Page page, string id)
    {
        var key = "articles/" + id;
        return _articles.GetValueOrDefault((key, page.Lang))
            ?? _graph.Config.LanguageCodes.Select(l => _articles.GetValueOrDefault((key, l))).FirstOrDefault(p => p is not null);
    }

    private (string? Url, string Name) Resolve(Page page, CrossReference reference, SourceLocation location, BodyFacts facts)
    {
        if (reference.Kind == "article")
        {
            var key = "articles/" + reference.Id;
            var target = FindArticle(page, reference.Id);
            if (target is null && (_graph.Excluded.GetValueOrDefault((key, page.Lang))
                ?? _graph.Config.LanguageCodes.Select(l => _graph.Excluded.GetValueOrDefault((key, l))).FirstOrDefault(r => r is not null)) is { } reason)
            {
                facts.Diagnostics.Error(location, $"link to article '{reference.Id}', which is left out of this build: it is {reason}");
                return (null, "");
            }

            if (target is null)
            {
                var known = _articles.Keys.Select(k => k.Key["articles/".Length..]).Distinct();
                facts.Diagnostics.Error(location, $"unknown article '{reference.Id}'{Suggestions.Hint(reference.Id, known)}");
                return (null, "");
            }

            facts.Articles.Add((reference.Id, target.Url, target.Title));
            return (target.Url, target.Title);
        }

        var entity = _graph.Entities.Resolve(new Reference(reference.Kind, reference.Id, location), facts.Diagnostics);
        if (entity is null)
        {
            return (null, "");
        }

        if (facts.Record)
        {
            GraphBuilder.RecordBodyReference(_graph, page, entity);
            facts.Entities.Add(EntityIndex.Key(entity));
        }

        var url = _graph.Entities.UrlOf(entity, _graph.Config.Language(page.Lang)!.Prefix);
        return (url, entity.DisplayName.In(page.Lang, _graph.Config.LanguageCodes).Text);
    }
}
