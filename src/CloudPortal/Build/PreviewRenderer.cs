using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Loading;
using CloudPortal.Markdown;
using CloudPortal.Templating;

namespace CloudPortal.Build;

/// <summary>
/// What a preview server keeps of its last good build to show an edited article at once: the site graph,
/// the parsed theme and the Markdown pipeline. <see cref="RenderEdited"/> renders the page of one saved
/// Markdown file against that graph in a few milliseconds, so the browser can reload before the full
/// (incremental) build has finished; the full build then brings every other page (lists, feeds, search)
/// up to date. An edit that changes where the page lives, or has any error, is left to the full build.
/// </summary>
public sealed class PreviewRenderer
{
    private readonly BuildOptions _options;
    private readonly SiteGraph _graph;
    private readonly MarkdownStage _markdown;
    private readonly TemplateStage _templates;
    private readonly DiagnosticBag _templateProblems = new();
    private readonly Dictionary<string, Page> _bySource;
    private readonly Lock _lock = new();

    internal PreviewRenderer(BuildOptions options, SiteGraph graph, Theme theme, Pictures.SitePictures pictures)
    {
        _options = options;
        _graph = graph;
        _templates = new TemplateStage(graph, theme, _templateProblems, pictures);
        _markdown = new MarkdownStage(graph, MarkdownPipelineFactory.Create(), new DiagnosticBag(), options.SourceRoot);
        _bySource = graph.Pages.Where(p => p.Kind is PageKind.Article or PageKind.Page && p.Source is not null)
            .ToDictionary(p => p.Source!.Path, StringComparer.Ordinal);
    }

    /// <summary>
    /// The page of an edited Markdown file (site-relative path, '/'-separated) as its output path and HTML,
    /// or null when the file is not a page of the last build, has an error, or now belongs at another URL.
    /// </summary>
    public (string OutputPath, byte[] Html)? RenderEdited(string relativePath)
    {
        if (!_bySource.TryGetValue(relativePath, out var before))
        {
            return null;
        }

        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(_options.SourceRoot, relativePath));
        }
        catch (IOException)
        {
            return null; // being written or gone: the full build will tell
        }

        var diagnostics = new DiagnosticBag();
        var source = ContentLoader.Parse(before.Source!.Section, relativePath, text, _graph.Config, diagnostics);
        if (source is null || diagnostics.HasErrors || source.Lang != before.Lang || source.TranslationKey != before.TranslationKey
            || Permalinks.Expand(_graph.Config, source) != before.Url || source.FrontMatter.Draft != before.Source.FrontMatter.Draft)
        {
            return null;
        }

        var page = new Page(before.Kind, before.Lang, before.Url, source.FrontMatter.Title, before.LayoutSection, before.TranslationKey)
        {
            Source = source with { BundleFiles = before.Source.BundleFiles },
            Date = source.FrontMatter.Date,
            Summary = source.FrontMatter.Summary,
        };
        foreach (var translation in before.Translations)
        {
            page.AddTranslation(translation);
        }

        page.Related = before.Related;
        page.MentionedEntities.AddRange(before.MentionedEntities);
        lock (_lock)
        {
            page.BodyHtml = _markdown.RenderDetached(page, diagnostics);
            var errorsBefore = _templateProblems.ErrorCount;
            var html = diagnostics.HasErrors ? null : _templates.Render(page);
            return html is null || _templateProblems.ErrorCount > errorsBefore ? null : (page.OutputPath, html);
        }
    }
}
