using AngleSharp.Html.Parser;

namespace CloudPortal.Tests.Support;

/// <summary>Reads a built site with AngleSharp, independently of the engine's own link checker.</summary>
internal static class SiteLinks
{
    public static IEnumerable<(string Page, string Href)> BrokenInternalLinks(string outputRoot, string basePath = "/")
    {
        var parser = new HtmlParser();
        foreach (var file in Directory.EnumerateFiles(outputRoot, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = "/" + Path.GetRelativePath(outputRoot, file).Replace('\\', '/');
            var document = parser.ParseDocument(File.ReadAllText(file));
            var targets = document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("link[href]").Select(l => l.GetAttribute("href")!))
                .Concat(document.QuerySelectorAll("[src]").Select(e => e.GetAttribute("src")!));
            foreach (var href in targets)
            {
                if (href.StartsWith("http", StringComparison.Ordinal) || href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var path = new Uri(new Uri("http://site" + relative), href).AbsolutePath;
                path = Uri.UnescapeDataString(path);
                if (!path.StartsWith(basePath, StringComparison.Ordinal))
                {
                    yield return (relative, href);
                    continue;
                }

                var local = path[basePath.Length..];
                var target = Path.Combine(outputRoot, local.EndsWith('/') || local.Length == 0 ? local + "index.html" : local);
                if (!File.Exists(target))
                {
                    yield return (relative, href);
                }
            }
        }
    }
}
