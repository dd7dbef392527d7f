using AngleSharp.Html.Parser;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Configuration;

/// <summary>`pages:` in the config turns generated lists off; the site must still be whole, with no link to a list it does not write.</summary>
public sealed class GeneratedPagesTests
{
    private const string AllListsOff = "\npaginate: 2\npages: {article_list: false, archives: false, tag_index: false, mention_lists: false, paginate_tags: false}\n";

    private static TestSite SiteWithFiveArticles(string configTail)
    {
        var site = TestSite.WithDefaultTheme(("content/data/providers/p.yaml", "name: P\nsummary: S\n"));
        site.Write("cloudportal.yaml", TestSite.MinimalConfig + configTail);
        for (var i = 1; i <= 5; i++)
        {
            site.Write($"content/articles/a{i}.en.md", $"---\ntitle: A{i}\ndate: 2018-01-0{i}\ntags: [cloud]\nproviders: [p]\n---\nBody.\n");
        }

        return site;
    }

    [Fact]
    public void Given_every_optional_list_off_When_built_Then_none_is_written_and_nothing_links_to_one()
    {
        using var site = SiteWithFiveArticles(AllListsOff);

        var result = site.Build();

        Assert.True(result.Success, string.Join("\n", site.Errors(result)));
        Assert.False(site.OutputExists("en/articles/index.html"));
        Assert.False(site.OutputExists("en/archives/index.html"));
        Assert.False(site.OutputExists("en/archives/2018/01/index.html"));
        Assert.False(site.OutputExists("en/tags/index.html"));
        Assert.False(site.OutputExists("en/providers/p/articles/index.html"));
        Assert.Empty(SiteLinks.BrokenInternalLinks(site.Output, "/"));

        var parser = new HtmlParser();
        var article = parser.ParseDocument(site.ReadOutput("en/articles/a1/index.html"));
        var hrefs = article.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain("/en/articles/", hrefs);
        Assert.DoesNotContain("/en/archives/", hrefs);
        Assert.DoesNotContain("/en/tags/", hrefs);
        Assert.Contains("/en/providers/", hrefs);
        var jsonLd = string.Join("", article.QuerySelectorAll("script[type='application/ld+json']").Select(s => s.TextContent));
        Assert.Contains("BreadcrumbList", jsonLd);
        Assert.DoesNotContain("https://example.org/en/articles/\"", jsonLd);

        var home = parser.ParseDocument(site.ReadOutput("en/index.html"));
        Assert.DoesNotContain(home.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "/en/articles/");
        var provider = parser.ParseDocument(site.ReadOutput("en/providers/p/index.html"));
        Assert.Null(provider.QuerySelector(".backlinks .more a"));
    }

    [Fact]
    public void Given_tags_not_paginated_When_built_Then_one_page_lists_every_article_of_the_tag()
    {
        using var site = SiteWithFiveArticles(AllListsOff);

        Assert.True(site.Build().Success);

        var tag = new HtmlParser().ParseDocument(site.ReadOutput("en/tags/cloud/index.html"));
        Assert.Equal(["A5", "A4", "A3", "A2", "A1"], tag.QuerySelectorAll(".cards h2 a").Select(a => a.TextContent));
        Assert.False(site.OutputExists("en/tags/cloud/page/2/index.html"));
        Assert.Null(tag.QuerySelector("link[rel=next]"));
        // The home is still paginated by `paginate`.
        Assert.True(site.OutputExists("en/page/3/index.html"));
    }

    [Fact]
    public void Given_no_pages_field_When_built_Then_every_list_is_written_and_linked()
    {
        using var site = SiteWithFiveArticles("\npaginate: 2\n");

        Assert.True(site.Build().Success);

        Assert.True(site.OutputExists("en/articles/index.html"));
        Assert.True(site.OutputExists("en/archives/2018/01/index.html"));
        Assert.True(site.OutputExists("en/tags/index.html"));
        Assert.True(site.OutputExists("en/tags/cloud/page/3/index.html"));
        Assert.True(site.OutputExists("en/providers/p/articles/page/3/index.html"));
        var hrefs = new HtmlParser().ParseDocument(site.ReadOutput("en/articles/a1/index.html"))
            .QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/en/articles/", hrefs);
        Assert.Contains("/en/archives/", hrefs);
        Assert.Contains("/en/tags/", hrefs);
    }

    [Theory]
    [InlineData("pages: {archive: false}\n", 9, "unknown field `archive`", "archives")]
    [InlineData("pages: {archives: maybe}\n", 19, "`archives` must be true or false, not 'maybe'", null)]
    [InlineData("pages: false\n", 8, "`pages` must be a mapping", null)]
    public void Given_a_wrong_pages_field_When_built_Then_the_error_names_the_line_column_and_the_fix(string yaml, int column, string message, string? hint)
    {
        using var site = SiteWithFiveArticles("\n" + yaml);
        var line = TestSite.MinimalConfig.Split('\n').Length + 1;

        var result = site.Build();

        Assert.False(result.Success);
        var error = Assert.Single(site.Errors(result));
        Assert.StartsWith($"cloudportal.yaml:{line}:{column}: error: ", error);
        Assert.Contains(message, error);
        if (hint is not null)
        {
            Assert.Contains($"did you mean '{hint}'", error);
        }
    }
}
