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

    public MarkdownStage(SiteGraph graph, MarkdownPipeline pipeline, DiagnosticBag diagnostics)
    {
        _graph = graph;
        _pipeline = pipeline;
        _diagnostics = diagnostics;
        _articles = graph.Pages.Where(p => p.Kind == PageKind.Article).ToDictionary(p => (p.TranslationKey, p.Lang));
    }

    public void Run()
    {
        var pages = _graph.Pages.Where(p => p.Source is not null && p.Kind != PageKind.Alias).ToArray();
        Parallel.ForEach(pages, page => page.BodyHtml = Render(page));
        _graph.Backlinks.Freeze();
        RelatedArticles.Compute(_graph);
    }

    internal byte[] Render(Page page)
    {
        var source = page.Source!;
        var document = Markdig.Markdown.Parse(source.Body, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            Rewrite(page, source, link);
            if (link.Url is { Length: > 0 } url && !url.Contains("://", StringComparison.Ordinal))
            {
                page.BodyLinks.TryAdd(url, new SourceLocation(source.Path, source.BodyLine + link.Line, link.Column + 1));
            }
        }

        page.Toc = TableOfContents(document);

        var html = document.ToHtml(_pipeline);
        var text = Text.PlainText.FromHtml(html);
        page.Counts = Text.ScriptCounter.Count(text);
        page.Summary ??= text.Length == 0 ? null : Text.Summarizer.Summarize(text);
        return Encoding.UTF8.GetBytes(html);
    }

    /// <summary>Headings of level 2 and 3, once an article has enough of them for a contents list to help.</summary>
    private static IReadOnlyList<TocEntry> TableOfContents(MarkdownDocument document)
    {
        var headings = document.Descendants<HeadingBlock>()
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

    private void Rewrite(Page page, SourcePage source, LinkInline link)
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
        var (target, name) = Resolve(page, reference, location);
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

    private (string? Url, string Name) Resolve(Page page, CrossReference reference, SourceLocation location)
    {
        if (reference.Kind == "article")
        {
            var key = "articles/" + reference.Id;
            var target = _articles.GetValueOrDefault((key, page.Lang))
                ?? _graph.Config.LanguageCodes.Select(l => _articles.GetValueOrDefault((key, l))).FirstOrDefault(p => p is not null);
            if (target is null && (_graph.Excluded.GetValueOrDefault((key, page.Lang))
                ?? _graph.Config.LanguageCodes.Select(l => _graph.Excluded.GetValueOrDefault((key, l))).FirstOrDefault(r => r is not null)) is { } reason)
            {
                _diagnostics.Error(location, $"link to article '{reference.Id}', which is left out of this build: it is {reason}");
                return (null, "");
            }

            if (target is null)
            {
                var known = _articles.Keys.Select(k => k.Key["articles/".Length..]).Distinct();
                _diagnostics.Error(location, $"unknown article '{reference.Id}'{Suggestions.Hint(reference.Id, known)}");
                return (null, "");
            }

            return (target.Url, target.Title);
        }

        var entity = _graph.Entities.Resolve(new Reference(reference.Kind, reference.Id, location), _diagnostics);
        if (entity is null)
        {
            return (null, "");
        }

        GraphBuilder.RecordBodyReference(_graph, page, entity);
        var url = _graph.Entities.UrlOf(entity, _graph.Config.Language(page.Lang)!.Prefix);
        return (url, entity.DisplayName.In(page.Lang, _graph.Config.LanguageCodes).Text);
    }
}
