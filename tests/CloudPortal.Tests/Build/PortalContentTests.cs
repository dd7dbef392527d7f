using AngleSharp.Html.Parser;
using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

/// <summary>Builds the real portal (content/ and themes/ of this repository) into a temporary folder.</summary>
public sealed class PortalContentTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "cloudportal-tests", "portal-" + Guid.NewGuid().ToString("N"));
    private readonly BuildResult _result;

    public PortalContentTests() =>
        _result = SiteBuilder.Build(new BuildOptions(Repository.Root) { OutputDirectory = _output });

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void The_portal_builds_without_errors_or_warnings()
    {
        Assert.True(_result.Success, string.Join("\n", _result.Diagnostics));
        Assert.Empty(_result.Diagnostics);
    }

    [Fact]
    public void The_portal_has_its_articles_providers_and_case_studies_in_both_languages()
    {
        foreach (var prefix in new[] { "", "en/" })
        {
            foreach (var article in new[] { "global-footprint", "globalisation-and-localisation", "latin-america-opencloud" })
            {
                Assert.True(File.Exists(Path.Combine(_output, $"{prefix}articles/{article}/index.html")), $"{prefix}{article}");
            }

            foreach (var provider in new[] { "alibaba-cloud", "tencent-cloud", "huawei-cloud", "aws", "azure" })
            {
                Assert.True(File.Exists(Path.Combine(_output, $"{prefix}providers/{provider}/index.html")), $"{prefix}{provider}");
            }

            foreach (var caseStudy in new[] { "cern-helix-nebula", "telefonica-opencloud", "falabella", "andreani", "santander", "alibaba-cloud-malaysia", "belt-and-road", "dji" })
            {
                Assert.True(File.Exists(Path.Combine(_output, $"{prefix}cases/{caseStudy}/index.html")), $"{prefix}{caseStudy}");
            }
        }
    }

    [Fact]
    public void Every_internal_link_of_the_portal_resolves()
    {
        Assert.Empty(SiteLinks.BrokenInternalLinks(_output));
    }

    [Fact]
    public void Every_page_declares_its_language_and_every_translated_page_its_alternates()
    {
        var parser = new HtmlParser();
        foreach (var file in Directory.EnumerateFiles(_output, "*.html", SearchOption.AllDirectories))
        {
            var document = parser.ParseDocument(File.ReadAllText(file));
            var lang = document.DocumentElement.GetAttribute("lang");
            var relative = Path.GetRelativePath(_output, file).Replace('\\', '/');
            Assert.Equal(relative.StartsWith("en/", StringComparison.Ordinal) ? "en" : "zh", lang);
            if (relative is not "404.html" && !relative.Contains("tags/", StringComparison.Ordinal))
            {
                var hreflangs = document.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
                Assert.Equal(["zh", "en", "x-default"], hreflangs);
            }
        }
    }

    [Fact]
    public void Provider_figures_carry_their_date_and_source()
    {
        var document = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_output, "en/providers/huawei-cloud/index.html")));
        var figures = document.QuerySelector(".figures")!.TextContent;
        Assert.Contains("22", figures);
        Assert.Contains("37", figures);
        Assert.Contains("as of 2018", figures);
        Assert.All(document.QuerySelectorAll(".figures .cite a"), a => Assert.StartsWith("/en/sources/", a.GetAttribute("href")));
    }

    private AngleSharp.Html.Dom.IHtmlDocument Read(string path) =>
        new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_output, path)));

    [Fact]
    public void Entity_pages_list_what_references_them_grouped_by_kind()
    {
        var huawei = Read("en/providers/huawei-cloud/index.html");
        var backlinks = huawei.QuerySelectorAll(".backlinks a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/en/articles/globalisation-and-localisation/", backlinks);
        Assert.Contains("/en/cases/cern-helix-nebula/", backlinks);
        Assert.Contains("/en/cases/telefonica-opencloud/", backlinks);
        Assert.Contains("/en/people/zheng-yelai/", backlinks);
        Assert.Contains("/en/people/wang-hongxin/", backlinks);

        var switzerland = Read("en/countries/ch/index.html");
        Assert.Equal("Switzerland", switzerland.QuerySelector("h1")!.TextContent);
        Assert.Contains("/en/cases/cern-helix-nebula/", switzerland.QuerySelectorAll(".backlinks a").Select(a => a.GetAttribute("href")));
        Assert.Equal("瑞士", Read("countries/ch/index.html").QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void Articles_end_with_a_numbered_source_list_and_figures_and_quotes_name_their_source()
    {
        var article = Read("en/articles/global-footprint/index.html");
        var sources = article.QuerySelectorAll("#sources li").ToList();
        Assert.True(sources.Count >= 2);
        Assert.Equal("source-1", sources[0].Id);
        Assert.Contains(sources, li => li.QuerySelector("a")!.GetAttribute("href") == "/en/sources/miit-cloud-action-plan-2017/");

        var miit = Read("en/sources/miit-cloud-action-plan-2017/index.html");
        Assert.Contains("430 billion yuan", miit.QuerySelector(".figures")!.TextContent);
        Assert.Contains("/en/articles/global-footprint/", miit.QuerySelectorAll(".backlinks a").Select(a => a.GetAttribute("href")));

        var zheng = Read("en/people/zheng-yelai/index.html");
        var quote = zheng.QuerySelector(".quote")!;
        Assert.Contains("Zheng Yelai", quote.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("/en/sources/cloud-going-global-report-2018/", quote.QuerySelector("figcaption a")!.GetAttribute("href"));
    }

    [Fact]
    public void Articles_show_up_to_five_related_articles_in_their_language()
    {
        var related = Read("articles/latin-america-opencloud/index.html").QuerySelectorAll(".related a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.InRange(related.Count, 1, 5);
        Assert.All(related, href => Assert.StartsWith("/articles/", href));
        Assert.DoesNotContain("/articles/latin-america-opencloud/", related);
    }

    [Fact]
    public void The_case_map_charts_and_timeline_are_drawn_from_the_data()
    {
        var cases = Read("en/cases/index.html");
        Assert.Equal("/en/countries/map.svg", cases.QuerySelector(".map object")!.GetAttribute("data"));
        Assert.Contains(cases.QuerySelectorAll(".map-table a"), a => a.GetAttribute("href") == "/en/countries/ch/" && a.TextContent == "Switzerland");
        Assert.Contains("2016", cases.QuerySelector(".timeline")!.TextContent);

        var map = System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(_output, "en/countries/map.svg")));
        var links = map.Descendants().Where(e => e.Name.LocalName == "a").ToList();
        Assert.Contains(links, a => (string?)a.Attribute("href") == "/en/countries/br/" && (string?)a.Attribute("target") == "_top");

        var charts = Read("en/providers/index.html").QuerySelectorAll(".chart");
        Assert.Equal(2, charts.Length);
        Assert.Contains("Tencent Cloud", charts[0].TextContent);
        Assert.All(charts[0].QuerySelectorAll("a"), a => Assert.Equal("/en/sources/cloud-going-global-report-2018/", a.GetAttribute("href")));
    }

    [Fact]
    public void The_case_explorer_has_a_static_page_for_every_filter_combination_with_results()
    {
        var all = Read("en/cases/explore/all/all/all/all/index.html");
        Assert.Equal(8, all.QuerySelectorAll(".explorer-results .card").Length);

        var brazil = Read("en/cases/explore/br/all/all/all/index.html");
        Assert.Equal(["Telefónica OpenCloud: a partner public cloud for Latin America"], brazil.QuerySelectorAll(".explorer-results h3 a").Select(a => a.TextContent));
        Assert.Equal("true", brazil.QuerySelector(".facet a[href='/en/cases/explore/br/all/all/all/']")!.GetAttribute("aria-current"));

        var huaweiRetail = Read("en/cases/explore/all/retail/huawei-cloud/all/index.html");
        Assert.Equal(["/en/cases/falabella/"], huaweiRetail.QuerySelectorAll(".explorer-results h3 a").Select(a => a.GetAttribute("href")));

        // A combination with no case has no page, and no facet links to one.
        Assert.False(File.Exists(Path.Combine(_output, "en/cases/explore/br/retail/all/all/index.html")));
        Assert.DoesNotContain(brazil.QuerySelectorAll(".facet a"), a => a.GetAttribute("href") == "/en/cases/explore/br/retail/all/all/");
    }

    [Fact]
    public void No_page_weighs_more_than_100_KB_of_html_css_and_js_before_images()
    {
        const int Budget = 100 * 1024;
        var parser = new HtmlParser();
        foreach (var file in Directory.EnumerateFiles(_output, "*.html", SearchOption.AllDirectories))
        {
            var document = parser.ParseDocument(File.ReadAllText(file));
            var assets = document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!));
            var total = new FileInfo(file).Length + assets.SelectMany(ScriptWithImports).Distinct().Sum(path => new FileInfo(path).Length);
            Assert.True(total <= Budget, $"{Path.GetRelativePath(_output, file)} weighs {total} bytes with its CSS and JS");
        }
    }

    /// <summary>A script and every module it imports, as files of the built site.</summary>
    private IEnumerable<string> ScriptWithImports(string href)
    {
        var path = Path.Combine(_output, href.TrimStart('/'));
        yield return path;
        if (!path.EndsWith(".js", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (System.Text.RegularExpressions.Match import in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(path), @"from\s*['""]\./([^'""]+)['""]"))
        {
            foreach (var nested in ScriptWithImports(Path.GetDirectoryName(href)!.Replace('\\', '/') + "/" + import.Groups[1].Value))
            {
                yield return nested;
            }
        }
    }
}
