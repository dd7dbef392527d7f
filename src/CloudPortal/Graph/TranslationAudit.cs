using CloudPortal.Configuration;
using CloudPortal.Diagnostics;

namespace CloudPortal.Graph;

/// <summary>
/// Finds articles and pages missing in a language, and translations dated before their original's last
/// change (the original being the version in the default language, else the earliest language).
/// </summary>
internal static class TranslationAudit
{
    public sealed record Finding(SourceLocation At, string Message);

    private static IReadOnlyList<Finding> Run(SiteConfig config, IEnumerable<Page> contentPages)
    {
        var findings = new List<Finding>();
        var order = config.LanguageCodes.ToList();
        var groups = contentPages
            .GroupBy(p => p.TranslationKey)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var versions = group.OrderBy(p => order.IndexOf(p.Lang)).ToList();
            var original = versions[0];
            foreach (var language in config.Languages.Where(l => versions.All(v => v.Lang != l.Code)))
            {
                findings.Add(new Finding(SourceLocation.FileOnly(original.SourcePath),
                    $"no {language.Name} ({language.Code}) translation; add {Suggest(original.SourcePath, original.Lang, language.Code)}"));
            }

            var originalChanged = LastChanged(original);
            foreach (var translation in versions.Skip(1))
            {
                if (LastChanged(translation) < originalChanged)
                {
                    findings.Add(new Finding(SourceLocation.FileOnly(translation.SourcePath),
                        $"translation is older than its original {original.SourcePath} (changed {originalChanged:yyyy-MM-dd}); update it and set `updated`"));
                }
            }
        }

        return findings;
    }

    /// <summary>
    /// Reports the findings on another thread: they are warnings only, and no stage waits for them. The
    /// graph's content pages are taken now, before later stages add pages to it.
    /// </summary>
    public static Task ReportAsync(SiteGraph graph, DiagnosticBag diagnostics, bool listEach)
    {
        var contentPages = graph.Pages.Where(p => p.Kind is PageKind.Article or PageKind.Page).ToArray();
        return Task.Run(() => Report(graph.Config, contentPages, diagnostics, listEach));
    }

    private static void Report(SiteConfig config, IEnumerable<Page> contentPages, DiagnosticBag diagnostics, bool listEach)
    {
        var findings = Run(config, contentPages);
        if (listEach)
        {
            foreach (var finding in findings)
            {
                diagnostics.Warning(finding.At, finding.Message);
            }
        }
        else if (findings.Count > 0)
        {
            diagnostics.Warning(SourceLocation.FileOnly("content"),
                $"{findings.Count} translation issue(s): pages without a translation or translations older than their original; `cloudportal check` lists them");
        }
    }

    private static DateTimeOffset LastChanged(Page page) =>
        page.Source?.FrontMatter.Updated ?? page.Source?.FrontMatter.Date ?? DateTimeOffset.MinValue;

    private static string Suggest(string path, string fromLang, string toLang) =>
        path.EndsWith($".{fromLang}.md", StringComparison.Ordinal) ? path[..^($".{fromLang}.md".Length)] + $".{toLang}.md" : $"a file with `translation_key` and lang {toLang}";
}
