using System.Collections.Concurrent;
using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CloudPortal.Templating;

/// <summary>
/// Renders one page through its layout. Layout lookup: the page's own <c>layout</c>, then its section's
/// layout (article, page, home, list, tags, tag, provider, case, person, source, providers, ...), then <c>default</c>.
/// </summary>
internal sealed class TemplateStage : IDisposable
{
    private readonly SiteGraph _graph;
    private readonly Theme _theme;
    private readonly DiagnosticBag _diagnostics;
    private readonly PageModels _models;
    private readonly ScriptObject _builtins;
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (TemplateFunctions, ScriptObject)> _functions = new(StringComparer.Ordinal);

    // One context per thread, reset after each page: building a Scriban context allocates more than most
    // page models do. A context a template error left mid-render is dropped instead of reused.
    private readonly ThreadLocal<EscapingTemplateContext> _contexts;

    public TemplateStage(SiteGraph graph, Theme theme, DiagnosticBag diagnostics, Pictures.SitePictures? pictures = null)
    {
        _graph = graph;
        _theme = theme;
        _diagnostics = diagnostics;
        _models = new PageModels(graph, pictures);
        _builtins = new TemplateContext().BuiltinObject;
        _builtins.SetValue("include", new PartialFunction(theme), readOnly: true);
        _contexts = new ThreadLocal<EscapingTemplateContext>(NewContext);
    }

    private EscapingTemplateContext NewContext() => new(_builtins) { TemplateLoader = null };

    /// <summary>Lets go of the threads' contexts (and the theme and pages they still reference) at the end of a build.</summary>
    public void Dispose() => _contexts.Dispose();

    /// <summary>Checks every page's explicit layout before rendering, so each unknown layout is reported once, at its line.</summary>
    public void CheckLayouts()
    {
        foreach (var page in _graph.Pages.Where(p => p.Source?.FrontMatter.Layout is not null))
        {
            var layout = page.Source!.FrontMatter.Layout!;
            if (!_theme.Layouts.ContainsKey(layout))
            {
                _diagnostics.Error(page.Source.FrontMatter.LayoutAt,
                    $"unknown layout '{layout}'{Loading.Suggestions.Hint(layout, _theme.Layouts.Keys)}; the theme's layouts are {string.Join(", ", _theme.Layouts.Keys.Order(StringComparer.Ordinal))}");
            }
        }
    }

    public string LayoutFor(Page page)
    {
        if (page.Source?.FrontMatter.Layout is { } own && _theme.Layouts.ContainsKey(own))
        {
            return own;
        }

        return _theme.Layouts.ContainsKey(page.LayoutSection) ? page.LayoutSection : "default";
    }

    /// <summary>The page as UTF-8 HTML, or null when its template failed (the error is reported).</summary>
    /// <summary>The page's HTML, or null when its layout is missing or failed (reported).</summary>
    public byte[]? Render(Page page) => RenderInPlace(page)?.Written.ToArray();

    /// <summary>
    /// Renders the page into this thread's page buffer, whose <see cref="Utf8PageOutput.Written"/> holds it
    /// until the thread renders another page: the build checks and writes it from there, with no copy per
    /// page. Null when its layout is missing or failed (reported).
    /// </summary>
    internal Utf8PageOutput? RenderInPlace(Page page)
    {
        var layout = LayoutFor(page);
        if (!_theme.Layouts.TryGetValue(layout, out var template))
        {
            return null;
        }

        var (functions, functionObject) = _functions.GetOrAdd(page.Lang, CreateFunctions);
        var entities = new EntityModels(_graph, page.Lang, functions);
        var globals = new ScriptObject();
        globals.SetValue("site", _models.Site(page, functions), readOnly: true);
        var bodyWrites = page.Source is not null ? new BodyWrites() : null;
        globals.SetValue("page", _models.Page(page, functions, entities, bodyWrites), readOnly: true);

        var context = _contexts.Value!;
        // Functions are shared by every page of a language; the page's own object is pushed last, so a
        // template's assignments land there and never in the shared one.
        context.PushGlobal(functionObject);
        context.PushGlobal(globals);
        _current = (page, layout);
        var reusable = false;
        try
        {
            context.PageOutput.Clear();
            context.PushOutput(context.PageOutput);
            template.Render(context);
            context.PopOutput();
            context.Reset();
            reusable = true;
            page.BodyRange = bodyWrites?.Range;
            return context.PageOutput;
        }
        catch (ScriptRuntimeException ex)
        {
            var location = TemplateErrors.Location(_theme.LayoutPath(layout), ex.Span);
            var message = ex.OriginalMessage;
            if (_reported.TryAdd($"{location}|{message}", 0))
            {
                _diagnostics.Error(location, $"template error: {message} (while rendering {Describe(page)})");
            }

            return null;
        }
        finally
        {
            if (!reusable)
            {
                _contexts.Value = NewContext();
            }
        }
    }

    // Which page this thread is rendering, for messages about strings the shared functions cannot find.
    [ThreadStatic]
    private static (Page Page, string Layout)? _current;

    private (TemplateFunctions, ScriptObject) CreateFunctions(string lang)
    {
        var functions = new TemplateFunctions(_graph.Config, _theme.Strings, lang,
            key => MissingString(key, lang, _current?.Layout ?? "?"), _theme.Assets);
        var functionObject = new ScriptObject();
        functions.ImportInto(functionObject);
        return (functions, functionObject);
    }

    private void MissingString(string key, string lang, string layout)
    {
        if (_reported.TryAdd($"string|{key}|{lang}", 0))
        {
            _diagnostics.Error(SourceLocation.FileOnly($"{_theme.Root}/i18n/{lang}.yaml"),
                $"missing interface string '{key}' for language '{lang}' (used by layout {layout}); add `{key}: …` to the file");
        }
    }

    private static string Describe(Page page) => page.SourcePath.Length > 0 ? page.SourcePath : page.Url;
}
