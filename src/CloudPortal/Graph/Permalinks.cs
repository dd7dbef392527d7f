using System.Globalization;
using CloudPortal.Configuration;
using CloudPortal.Loading;

namespace CloudPortal.Graph;

/// <summary>Expands a section's permalink pattern (<c>{prefix}/articles/{slug}/</c>) for one page.</summary>
internal static class Permalinks
{
    public static string Expand(SiteConfig config, SourcePage source)
    {
        var pattern = config.Permalinks.GetValueOrDefault(source.Section) ?? "{prefix}/{section}/{slug}/";
        var prefix = config.Language(source.Lang)!.Prefix;
        var date = source.FrontMatter.Date;
        var url = pattern
            .Replace("{prefix}", prefix.Length == 0 ? "" : "/" + prefix, StringComparison.Ordinal)
            .Replace("{lang}", source.Lang, StringComparison.Ordinal)
            .Replace("{section}", source.Section, StringComparison.Ordinal)
            .Replace("{slug}", source.Slug, StringComparison.Ordinal)
            .Replace("{year}", date?.ToString("yyyy", CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal)
            .Replace("{month}", date?.ToString("MM", CultureInfo.InvariantCulture) ?? "", StringComparison.Ordinal);
        if (!url.StartsWith('/'))
        {
            url = "/" + url;
        }

        if (!url.EndsWith('/') && !url.EndsWith(".html", StringComparison.Ordinal))
        {
            url += "/";
        }

        return url;
    }
}
