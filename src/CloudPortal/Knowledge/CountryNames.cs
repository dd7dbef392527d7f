using System.Collections.Concurrent;
using System.Globalization;

namespace CloudPortal.Knowledge;

/// <summary>
/// Country names in any language from the ICU locale data .NET loads. RegionInfo only names regions in
/// English on Linux, but a culture's display name in a given UI language carries the region's name
/// ("西班牙语（智利）"), so the name is read from there.
/// </summary>
public static class CountryNames
{
    private static readonly ConcurrentDictionary<(string Code, string Culture), string> Cache = new();
    private static readonly Lazy<Dictionary<string, CultureInfo>> CultureByRegion = new(FindCultures);

    public static string Get(string code, string uiCulture) => Cache.GetOrAdd((code, uiCulture), Lookup);

    private static string Lookup((string Code, string Culture) key)
    {
        var english = new RegionInfo(key.Code).EnglishName;
        if (!CultureByRegion.Value.TryGetValue(key.Code, out var culture))
        {
            return english;
        }

        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(key.Culture);
            var display = CultureInfo.GetCultureInfo(culture.Name).DisplayName;
            return InParentheses(display) ?? english;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static string? InParentheses(string display)
    {
        foreach (var (open, close) in new[] { ('（', '）'), ('(', ')') })
        {
            var start = display.LastIndexOf(open);
            var end = display.LastIndexOf(close);
            if (start >= 0 && end > start)
            {
                var inner = display[(start + 1)..end];
                // "English (United Kingdom, Scotland)": keep the region, not the variant.
                var comma = inner.IndexOfAny([',', '，', '、']);
                return comma > 0 ? inner[..comma].Trim() : inner.Trim();
            }
        }

        return null;
    }

    private static Dictionary<string, CultureInfo> FindCultures()
    {
        var result = new Dictionary<string, CultureInfo>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures).OrderBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (culture.Name.Split('-') is [_, var region] && region.Length == 2)
            {
                result.TryAdd(region, culture);
            }
        }

        return result;
    }
}
