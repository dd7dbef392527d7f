using CloudPortal.Configuration;
using CloudPortal.Knowledge;

namespace CloudPortal.Graph;

/// <summary>One filter choice of the case explorer: each dimension either a value or "all".</summary>
public sealed record CaseFilter(string Country, string Industry, string Provider, string Year)
{
    public const string All = "all";

    public static readonly CaseFilter Everything = new(All, All, All, All);

    public string UrlPath(string prefix) => UrlPaths.Join(prefix, "cases", "explore", Country, Industry, Provider, Year);

    public bool Matches(CaseStudy c) =>
        (Country == All || c.Countries.Any(r => r.Id == Country))
        && (Industry == All || c.Industry?.Id == Industry)
        && (Provider == All || c.Providers.Any(r => r.Id == Provider))
        && (Year == All || c.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) == Year);

    public static IEnumerable<string> Countries(CaseStudy c) => c.Countries.Select(r => r.Id);

    public static IEnumerable<string> Industries(CaseStudy c) => c.Industry is null ? [] : [c.Industry.Id];

    public static IEnumerable<string> Providers(CaseStudy c) => c.Providers.Select(r => r.Id);

    public static IEnumerable<string> Years(CaseStudy c) => c.Year is null ? [] : [c.Year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}

/// <summary>
/// The case-study explorer as static pages: every combination of country, industry, provider and year
/// that has at least one case gets its own page (so filtering works without JavaScript and every view
/// can be linked), at /cases/explore/&lt;country&gt;/&lt;industry&gt;/&lt;provider&gt;/&lt;year&gt;/.
/// </summary>
internal static class CaseExplorer
{
    public static IEnumerable<Page> Pages(SiteConfig config, LanguageConfig language, IReadOnlyList<Page> casePages)
    {
        var cases = casePages.Select(p => (Page: p, Case: (CaseStudy)p.Entity!)).ToList();
        var filters = new SortedSet<CaseFilter>(Comparer<CaseFilter>.Create((a, b) => string.CompareOrdinal(a.UrlPath(""), b.UrlPath(""))));
        foreach (var (_, c) in cases)
        {
            foreach (var country in WithAll(CaseFilter.Countries(c)))
            {
                foreach (var industry in WithAll(CaseFilter.Industries(c)))
                {
                    foreach (var provider in WithAll(CaseFilter.Providers(c)))
                    {
                        foreach (var year in WithAll(CaseFilter.Years(c)))
                        {
                            filters.Add(new CaseFilter(country, industry, provider, year));
                        }
                    }
                }
            }
        }

        filters.Add(CaseFilter.Everything);
        foreach (var filter in filters)
        {
            var page = new Page(PageKind.CaseExplorer, language.Code, filter.UrlPath(language.Prefix), "explore", "explore", "explore:" + filter.UrlPath(""))
            {
                Filter = filter,
            };
            page.Listed = cases.Where(x => filter.Matches(x.Case)).Select(x => x.Page).ToList();
            page.ListTotal = page.Listed.Count;
            yield return page;
        }
    }

    private static IEnumerable<string> WithAll(IEnumerable<string> values) => values.Prepend(CaseFilter.All).Distinct(StringComparer.Ordinal);
}
