using AngleSharp.Html.Parser;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

public sealed class FixtureSiteTests : IDisposable
{
    private readonly TestSite _site = TestSite.FromFixture("basic");
    private readonly CloudPortal.Build.BuildResult _result;
    private readonly HtmlParser _parser = new();

    public FixtureSiteTests() => _result = _site.Build();

    public void Dispose() => _site.Dispose();

    private AngleSharp.Html.Dom.IHtmlDocument Page(string path) => _parser.ParseDocument(_site.ReadOutput(path));

    [Fact]
    public void The_fixture_builds_with_only_the_translation_summary_warning()
    {
        Assert.True(_result.Success, string.Join("\n", _result.Diagnostics));
        var warning = Assert.Single(_result.Diagnostics);
        Assert.Equal("content: warning: 2 translation issue(s): pages without a translation or translations older than their original; `cloudportal check` lists them", warning.ToString());
    }

    [Fact]
    public void Every_internal_link_points_at_a_file_that_exists()
    {
        Assert.Empty(SiteLinks.BrokenInternalLinks(_site.Output));
    }

    [Theory]
    [InlineData("index.html", "zh", "基础测试站")]
    [InlineData("en/index.html", "en", "Basic Fixture")]
    [InlineData("articles/hello/index.html", "zh", "你好，云 · 基础测试站")]
    [InlineData("en/articles/hello/index.html", "en", "Hello, cloud · Basic Fixture")]
    [InlineData("en/providers/acme-cloud/index.html", "en", "Acme Cloud · Basic Fixture")]
    [InlineData("providers/acme-cloud/index.html", "zh", "极致云 · 基础测试站")]
    [InlineData("cases/acme-bank/index.html", "zh", "极致银行上云 · 基础测试站")]
    public void Pages_have_their_title_and_language(string path, string lang, string title)
    {
        var document = Page(path);
        Assert.Equal(lang, document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(title, document.Title);
    }

    [Fact]
    public void Cross_references_resolve_to_entity_urls_in_the_page_language_with_the_entity_name_as_empty_link_text()
    {
        var zh = Page("articles/hello/index.html").QuerySelectorAll(".prose a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(("/providers/acme-cloud/", "极致云"), zh);
        Assert.Contains(("/cases/acme-bank/", "极致银行上云"), zh);
        Assert.Contains(("/en/articles/second/", "英文版"), zh);

        var en = Page("en/articles/hello/index.html").QuerySelectorAll(".prose a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(("/en/providers/acme-cloud/", "Acme Cloud"), en);
        Assert.Contains(("/en/cases/acme-bank/#facts", "the bank"), en);
    }

    [Fact]
    public void Translations_are_linked_by_file_name_and_a_page_without_one_links_to_the_other_language_home()
    {
        var hello = Page("en/articles/hello/index.html");
        var switcher = hello.QuerySelector(".languages a")!;
        Assert.Equal("/articles/hello/", switcher.GetAttribute("href"));
        var hreflangs = hello.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href"))).ToList();
        Assert.Equal(
            [("zh", "https://fixture.example.org/articles/hello/"), ("en", "https://fixture.example.org/en/articles/hello/"), ("x-default", "https://fixture.example.org/articles/hello/")],
            hreflangs);

        var second = Page("en/articles/second/index.html").QuerySelector(".languages a")!;
        Assert.Equal("/", second.GetAttribute("href"));
        Assert.Contains("(home)", second.TextContent);
    }

    [Fact]
    public void Entity_pages_show_figures_with_their_date_and_source_and_list_what_mentions_them()
    {
        var provider = Page("en/providers/acme-cloud/index.html");
        var figures = provider.QuerySelector(".figures")!.TextContent;
        Assert.Contains("12", figures);
        Assert.Contains("more than 1,000", figures);
        Assert.Contains("as of June 2018", figures);
        Assert.Equal("/en/sources/report/", provider.QuerySelector(".figures .cite a")!.GetAttribute("href"));
        var backlinks = provider.QuerySelectorAll(".backlinks a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/en/articles/hello/", backlinks);
        Assert.Contains("/en/cases/acme-bank/", backlinks);
        Assert.Contains("/en/people/jane-doe/", backlinks);
        Assert.DoesNotContain("/articles/hello/", backlinks);
    }

    [Fact]
    public void A_field_missing_in_one_language_falls_back_and_is_marked_with_its_language()
    {
        var summary = Page("cases/acme-bank/index.html").QuerySelector(".summary")!;
        Assert.Equal("Only an English summary.", summary.TextContent);
        Assert.Equal("en", summary.GetAttribute("lang"));
    }

    [Fact]
    public void Dates_and_country_names_follow_the_page_language()
    {
        Assert.Contains("2018年3月1日", Page("articles/hello/index.html").QuerySelector("time")!.TextContent);
        Assert.Contains("1 March 2018", Page("en/articles/hello/index.html").QuerySelector("time")!.TextContent);
        Assert.Contains("智利", Page("cases/acme-bank/index.html").QuerySelector(".facts-table")!.TextContent);
        Assert.Contains("Chile", Page("en/cases/acme-bank/index.html").QuerySelector(".facts-table")!.TextContent);
    }

    [Fact]
    public void Home_lists_the_newest_articles_of_its_language_first()
    {
        var titles = Page("en/index.html").QuerySelectorAll(".cards h2 a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Second piece", "Hello, cloud"], titles);
        Assert.Equal(["你好，云"], Page("index.html").QuerySelectorAll(".cards h2 a").Select(a => a.TextContent));
    }

    [Fact]
    public void Chinese_tags_keep_readable_urls()
    {
        Assert.True(_site.OutputExists("tags/云计算/index.html"));
        Assert.True(_site.OutputExists("en/tags/going-global/index.html"));
    }
}
