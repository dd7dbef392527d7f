using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using Scriban;

namespace CloudPortal.Templating;

/// <summary>
/// A theme folder, loaded once per build: layouts and partials parsed by Scriban (then only rendered),
/// the UI strings per language and the list of static files.
/// </summary>
internal sealed class Theme
{
    private Theme(string name, string root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    /// <summary>The theme folder relative to the site root, '/'-separated: "themes/default".</summary>
    public string Root { get; }

    public Dictionary<string, Template> Layouts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Template> Partials { get; } = new(StringComparer.Ordinal);

    public UiStrings Strings { get; private set; } = UiStrings.Empty;

    /// <summary>Static files, relative to the theme's <c>static/</c> folder, '/'-separated, in ordinal order.</summary>
    public IReadOnlyList<string> StaticFiles { get; private set; } = [];

    /// <summary>The static files as published: minified, fingerprinted, with SRI hashes.</summary>
    public Assets.AssetPipeline Assets { get; private set; } = new();

    public string LayoutPath(string layout) => $"{Root}/layouts/{layout}.html";

    public static Theme? Load(string sourceRoot, SiteConfig config, DiagnosticBag diagnostics)
    {
        var root = $"themes/{config.Theme}";
        var fullRoot = Path.Combine(sourceRoot, "themes", config.Theme);
        if (!Directory.Exists(fullRoot))
        {
            diagnostics.Error(SourceLocation.FileOnly(SiteConfig.FileName), $"theme '{config.Theme}' not found: there is no folder {root}");
            return null;
        }

        var theme = new Theme(config.Theme, root);
        LoadTemplates(sourceRoot, $"{root}/layouts", theme.Layouts, diagnostics);
        LoadTemplates(sourceRoot, $"{root}/partials", theme.Partials, diagnostics);
        if (!theme.Layouts.ContainsKey("default"))
        {
            diagnostics.Error(SourceLocation.FileOnly($"{root}/layouts"), "the theme has no layouts/default.html, the layout every page falls back to");
        }

        theme.Strings = UiStrings.Load(sourceRoot, $"{root}/i18n", config.LanguageCodes, diagnostics);
        var staticRoot = Path.Combine(fullRoot, "static");
        theme.StaticFiles = Directory.Exists(staticRoot)
            ? Directory.EnumerateFiles(staticRoot, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staticRoot, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        theme.Assets = CloudPortal.Assets.AssetPipeline.Load(staticRoot, root, theme.StaticFiles, diagnostics);
        return theme;
    }

    private static void LoadTemplates(string sourceRoot, string folder, Dictionary<string, Template> into, DiagnosticBag diagnostics)
    {
        var full = Path.Combine(sourceRoot, folder);
        if (!Directory.Exists(full))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(full, "*.html").Order(StringComparer.Ordinal))
        {
            var relative = $"{folder}/{Path.GetFileName(file)}";
            var template = Template.Parse(File.ReadAllText(file), relative);
            if (template.HasErrors)
            {
                foreach (var message in template.Messages)
                {
                    diagnostics.Error(TemplateErrors.Location(relative, message.Span), $"template syntax: {message.Message}");
                }

                continue;
            }

            var name = Path.GetFileName(file);
            into[folder.EndsWith("/layouts", StringComparison.Ordinal) ? name[..^5] : name] = template;
        }
    }
}
