using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Publishing;

public sealed class PublishingTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static string Article(string title, string date, string extra = "", string body = "Body.") =>
        $"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n";

    [Fact]
    public void Given_a_base_url_with_a_sub_path_When_built_Then_every_link_feed_canonical_and_sitemap_url_uses_it()
    {
        using var site = TestSite.FromFixture("basic");

        var result = SiteBuilder.Build(new BuildOptions(site.Root) { BaseUrl = new Uri("https://example.org/portal/") });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(SiteLinks.BrokenInternalLinks(site.Output, "/portal/"));
        var page = new HtmlParser().ParseDocument(site.ReadOutput("en/articles/hello/index.html"));
        Assert.Equal("https://example.org/portal/en/articles/hello/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.All(page.QuerySelectorAll("a[href^='/']"), a => Assert.StartsWith("/portal/", a.GetAttribute("href")));
        Assert.StartsWith("/portal/css/site.", page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        var feed = XDocument.Parse(site.ReadOutput("en/atom.xml"));
        Assert.All(feed.Descendants(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value), id => Assert.StartsWith("https://example.org/portal/en/", id));
        var sitemap = XDocument.Parse(site.ReadOutput("sitemap.xml"));
        Assert.All(sitemap.Descendants(SitemapNs + "loc"), loc => Assert.StartsWith("https://example.org/portal/", loc.Value));
        Assert.Contains("Sitemap: https://example.org/portal/sitemap.xml", site.ReadOutput("robots.txt"));
    }

    [Fact]
    public void Feeds_have_the_required_elements_and_ids_that_are_stable_across_builds()
    {
        using var site = TestSite.FromFixture("basic");
        Assert.True(site.Build().Success);
        var first = site.ReadOutput("en/atom.xml");
        site.Write("content/articles/third.en.md", Article("Third", "2018-05-01"));
        Assert.True(site.Build().Success);

        var atom = XDocument.Parse(site.ReadOutput("en/atom.xml")).Root!;
        Assert.Equal("https://fixture.example.org/en/", atom.Element(Atom + "id")!.Value);
        Assert.NotEmpty(atom.Element(Atom + "title")!.Value);
        Assert.Equal("2018-05-01T00:00:00+00:00", atom.Element(Atom + "updated")!.Value);
        Assert.NotNull(atom.Element(Atom + "author")?.Element(Atom + "name"));
        var entries = atom.Elements(Atom + "entry").ToList();
        Assert.Equal(["Third", "Second piece", "Hello, cloud"], entries.Select(e => e.Element(Atom + "title")!.Value));
        Assert.All(entries, e =>
        {
            Assert.NotNull(e.Element(Atom + "id"));
            Assert.True(DateTimeOffset.TryParse(e.Element(Atom + "updated")!.Value, out _));
        });
        Assert.Contains("href=\"https://fixture.example.org/en/providers/acme-cloud/\"", entries[2].Element(Atom + "content")!.Value);
        var before = XDocument.Parse(first).Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value);
        Assert.Subset(entries.Select(e => e.Element(Atom + "id")!.Value).ToHashSet(), before.ToHashSet());

        using var json = JsonDocument.Parse(site.ReadOutput("feed.json"));
        Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
        var item = json.RootElement.GetProperty("items")[0];
        Assert.Equal("https://fixture.example.org/articles/hello/", item.GetProperty("id").GetString());
        Assert.Equal("2018-03-01T00:00:00+00:00", item.GetProperty("date_published").GetString());
        Assert.Contains("<h2", item.GetProperty("content_html").GetString());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(7, 3)]
    public void Lists_are_paginated_with_stable_urls_and_prev_next_links(int articles, int expectedPages)
    {
        using var site = TestSite.WithDefaultTheme();
        site.Write("cloudportal.yaml", TestSite.MinimalConfig + "\npaginate: 3\n");
        for (var i = 0; i < articles; i++)
        {
            site.Write($"content/articles/a{i}.en.md", Article($"A{i}", $"2018-01-{i + 1:D2}", "tags: [cloud]\n"));
        }

        Assert.True(site.Build().Success);

        for (var n = 1; n <= expectedPages + 1; n++)
        {
            var path = n == 1 ? "en/index.html" : $"en/page/{n}/index.html";
            Assert.Equal(n <= expectedPages, site.OutputExists(path));
        }

        var parser = new HtmlParser();
        var firstPage = parser.ParseDocument(site.ReadOutput("en/index.html"));
        Assert.Equal(Math.Min(3, articles), firstPage.QuerySelectorAll(".cards .card").Length);
        Assert.Equal(expectedPages > 1 ? "/en/page/2/" : null, firstPage.QuerySelector("link[rel=next]")?.GetAttribute("href"));
        Assert.Null(firstPage.QuerySelector("link[rel=prev]"));
        if (expectedPages > 1)
        {
            var last = parser.ParseDocument(site.ReadOutput($"en/page/{expectedPages}/index.html"));
            Assert.Equal(expectedPages == 2 ? "/en/" : $"/en/page/{expectedPages - 1}/", last.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
            Assert.Null(last.QuerySelector("link[rel=next]"));
            Assert.Equal(articles - (3 * (expectedPages - 1)), last.QuerySelectorAll(".cards .card").Length);
            Assert.True(site.OutputExists($"en/tags/cloud/page/{expectedPages}/index.html"));
        }
    }

    [Fact]
    public void Aliases_produce_redirect_pages_and_a_redirects_file()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/new.en.md", Article("New", "2018-01-01", "aliases: [/old/path/, /legacy.html]\n")));

        Assert.True(site.Build().Success);

        var redirect = new HtmlParser().ParseDocument(site.ReadOutput("old/path/index.html"));
        Assert.Equal("0; url=/en/articles/new/", redirect.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        Assert.Equal("https://example.org/en/articles/new/", redirect.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.True(site.OutputExists("legacy.html"));
        Assert.Equal("/legacy.html /en/articles/new/ 301\n/old/path/ /en/articles/new/ 301\n", site.ReadOutput("_redirects"));
        Assert.DoesNotContain("old/path", site.ReadOutput("sitemap.xml"));
    }

    [Fact]
    public void Drafts_future_and_expired_pages_stay_out_unless_asked_for_and_links_to_them_are_reported()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/draft.en.md", Article("Draft", "2018-01-01", "draft: true\n")),
            ("content/articles/future.en.md", Article("Future", "2999-01-01")),
            ("content/articles/expired.en.md", Article("Expired", "2018-01-01", "expires: 2018-02-01\n")),
            ("content/articles/live.en.md", Article("Live", "2018-01-01")));

        Assert.True(site.Build().Success);
        Assert.True(site.OutputExists("en/articles/live/index.html"));
        Assert.False(site.OutputExists("en/articles/draft/index.html"));
        Assert.False(site.OutputExists("en/articles/future/index.html"));
        Assert.False(site.OutputExists("en/articles/expired/index.html"));
        Assert.DoesNotContain("Draft", site.ReadOutput("en/index.html"));

        var all = SiteBuilder.Build(new BuildOptions(site.Root) { IncludeDrafts = true, IncludeFuture = true, IncludeExpired = true });
        Assert.True(all.Success);
        Assert.True(site.OutputExists("en/articles/draft/index.html"));
        Assert.True(site.OutputExists("en/articles/future/index.html"));
        Assert.True(site.OutputExists("en/articles/expired/index.html"));

        site.Write("content/articles/live.en.md", Article("Live", "2018-01-01", body: "See [the draft](article:draft)."));
        var error = Assert.Single(site.Errors(site.Build()));
        Assert.Equal("content/articles/live.en.md:5:5: error: link to article 'draft', which is left out of this build: it is a draft (build with --drafts to include it)", error);
    }

    [Fact]
    public void A_planted_broken_link_and_a_broken_anchor_fail_the_build_at_the_line_that_wrote_them()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/target.en.md", Article("Target", "2018-01-01", body: "## Real heading\n\nText.")),
            ("content/articles/links.en.md", Article("Links", "2018-01-02", body: "Intro.\n\n[gone](/en/articles/nowhere/) and [anchor](../target/#no-such-heading) and [ok](../target/#real-heading)")));

        var errors = site.Errors(site.Build()).ToArray();

        Assert.Equal(
            ["content/articles/links.en.md:7:1: error: broken link '/en/articles/nowhere/' on /en/articles/links/: no page or file of the site is at /en/articles/nowhere/",
             "content/articles/links.en.md:7:35: error: broken anchor '../target/#no-such-heading' on /en/articles/links/: the target page has no element with id 'no-such-heading'"],
            errors);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Stylesheets_are_minified_fingerprinted_and_referenced_with_a_matching_integrity_hash()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A", "2018-01-01")));
        Assert.True(site.Build().Success);

        var link = new HtmlParser().ParseDocument(site.ReadOutput("en/articles/a/index.html")).QuerySelector("link[rel=stylesheet]")!;
        var href = link.GetAttribute("href")!;
        Assert.Matches(@"^/css/site\.[0-9a-f]{10}\.css$", href);
        var bytes = File.ReadAllBytes(Path.Combine(site.Output, href.TrimStart('/')));
        Assert.Equal("sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)), link.GetAttribute("integrity"));
        Assert.True(bytes.Length < new FileInfo(Path.Combine(site.Root, "themes/default/static/css/site.css")).Length);
    }

    [Fact]
    public void Long_articles_get_heading_ids_and_a_table_of_contents()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/long.zh.md", Article("长文", "2018-01-01", body: "## 背景\n\n文。\n\n## 成本与计费\n\n文。\n\n### 细节\n\n文。\n\n## 结论\n\n文。")),
            ("content/articles/short.en.md", Article("Short", "2018-01-01", body: "## Only one\n\nText.")));

        Assert.True(site.Build().Success);

        var page = new HtmlParser().ParseDocument(site.ReadOutput("articles/long/index.html"));
        Assert.Equal(["#背景", "#成本与计费", "#细节", "#结论"], page.QuerySelectorAll(".toc a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.GetElementById("成本与计费"));
        Assert.Null(new HtmlParser().ParseDocument(site.ReadOutput("en/articles/short/index.html")).QuerySelector(".toc"));
    }

    [Fact]
    public void External_links_in_content_get_rel_noopener()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A", "2018-01-01", body: "[site](https://example.com/)")));
        Assert.True(site.Build().Success);

        var link = new HtmlParser().ParseDocument(site.ReadOutput("en/articles/a/index.html")).QuerySelector(".prose a")!;
        Assert.Equal("noopener", link.GetAttribute("rel"));
    }

    [Fact]
    public void Page_bundle_images_and_site_static_files_are_copied_and_a_missing_image_is_reported()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/x.en.md", Article("X", "2018-01-01", body: "![A chart](chart.svg)")),
            ("content/articles/x.zh.md", Article("X", "2018-01-01", body: "![图表](chart.svg)")),
            ("content/articles/x/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("content/static/CNAME", "portal.example.org"));

        Assert.True(site.Build().Success);
        Assert.True(site.OutputExists("en/articles/x/chart.svg"));
        Assert.True(site.OutputExists("articles/x/chart.svg"));
        Assert.Equal("portal.example.org", site.ReadOutput("CNAME"));

        site.Write("content/articles/x.en.md", Article("X", "2018-01-01", body: "![A chart](missing.png)"));
        var error = Assert.Single(site.Errors(site.Build()));
        Assert.StartsWith("content/articles/x.en.md:5:1: error: broken link 'missing.png'", error);
    }

    [Fact]
    public void Archives_list_articles_by_year_and_month_per_language()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/a.en.md", Article("June A", "2018-06-01")),
            ("content/articles/b.en.md", Article("June B", "2018-06-20")),
            ("content/articles/c.en.md", Article("October", "2017-10-05")),
            ("content/articles/c.zh.md", Article("十月", "2017-10-05")));

        Assert.True(site.Build().Success);

        var parser = new HtmlParser();
        var june = parser.ParseDocument(site.ReadOutput("en/archives/2018/06/index.html"));
        Assert.Equal("Articles from June 2018 · Test Site", june.Title);
        Assert.Equal(["June B", "June A"], june.QuerySelectorAll(".cards h2 a").Select(a => a.TextContent));
        var index = parser.ParseDocument(site.ReadOutput("en/archives/index.html"));
        Assert.Equal(["/en/archives/2018/", "/en/archives/2017/"], index.QuerySelectorAll(".archive-years > li > a").Select(a => a.GetAttribute("href")));
        Assert.Equal("十月", parser.ParseDocument(site.ReadOutput("archives/2017/10/index.html")).QuerySelector(".cards h2 a")!.TextContent);
        Assert.Contains("十月", parser.ParseDocument(site.ReadOutput("archives/index.html")).QuerySelector(".archive-months")!.TextContent);
        Assert.False(site.OutputExists("archives/2018/index.html"));
    }

    [Fact]
    public void Long_backlink_lists_of_an_entity_are_paginated_on_their_own_pages()
    {
        using var site = TestSite.WithDefaultTheme(("content/data/providers/p.yaml", "name: P\nsummary: S\n"));
        site.Write("cloudportal.yaml", TestSite.MinimalConfig + "\npaginate: 2\n");
        for (var i = 1; i <= 5; i++)
        {
            site.Write($"content/articles/a{i}.en.md", Article($"A{i}", $"2018-01-0{i}", "providers: [p]\n"));
        }

        Assert.True(site.Build().Success);

        var parser = new HtmlParser();
        var entity = parser.ParseDocument(site.ReadOutput("en/providers/p/index.html"));
        Assert.Equal(2, entity.QuerySelectorAll(".backlinks li").Length);
        Assert.Equal("/en/providers/p/articles/", entity.QuerySelector(".backlinks .more a")!.GetAttribute("href"));
        var last = parser.ParseDocument(site.ReadOutput("en/providers/p/articles/page/3/index.html"));
        Assert.Equal(["A1"], last.QuerySelectorAll(".cards h2 a").Select(a => a.TextContent));
        Assert.Equal("/en/providers/p/articles/page/2/", last.QuerySelector("link[rel=prev]")!.GetAttribute("href"));
        Assert.False(site.OutputExists("en/providers/p/articles/page/4/index.html"));
    }

    [Fact]
    public void Past_the_url_limit_the_sitemap_becomes_an_index_of_sitemap_files_listing_every_page()
    {
        using var site = TestSite.FromFixture("basic");

        Assert.True(SiteBuilder.Build(new BuildOptions(site.Root) { SitemapUrlsPerFile = 10 }).Success);

        var index = XDocument.Parse(site.ReadOutput("sitemap.xml")).Root!;
        Assert.Equal("sitemapindex", index.Name.LocalName);
        var parts = index.Elements(SitemapNs + "sitemap").Select(s => s.Element(SitemapNs + "loc")!.Value).ToList();
        Assert.True(parts.Count > 1);
        Assert.Equal("https://fixture.example.org/sitemap-1.xml", parts[0]);
        var urls = parts.SelectMany(p => XDocument.Parse(site.ReadOutput(p["https://fixture.example.org/".Length..])).Descendants(SitemapNs + "url")).ToList();
        Assert.All(parts.Select(p => XDocument.Parse(site.ReadOutput(p["https://fixture.example.org/".Length..])).Descendants(SitemapNs + "url").Count()), n => Assert.InRange(n, 1, 10));
        Assert.Contains(urls, u => u.Element(SitemapNs + "loc")!.Value == "https://fixture.example.org/en/articles/hello/");
        Assert.Contains("Sitemap: https://fixture.example.org/sitemap.xml", site.ReadOutput("robots.txt"));
    }

    [Fact]
    public void An_embedded_object_naming_no_file_fails_the_build_at_its_layout()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A", "2018-01-01")));
        site.Write("themes/default/layouts/article.html", "<html><body><object data=\"/maps/missing.svg\" type=\"image/svg+xml\"></object></body></html>\n");

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.StartsWith("themes/default/layouts/article.html: error: broken link '/maps/missing.svg'", error);
    }
}
