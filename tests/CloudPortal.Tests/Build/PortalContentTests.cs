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
}
