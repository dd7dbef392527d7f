using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Incremental;

/// <summary>
/// An incremental build must write exactly what a clean build of the same input writes. Each case changes
/// one kind of input after a first build, rebuilds with the cache, and compares every output file with a
/// clean build of a fresh copy of the changed site.
/// </summary>
public sealed class IncrementalBuildTests
{
    public static TheoryData<string> Changes =>
    [
        "article body", "article title", "article tags", "article added", "article removed", "linked article title",
        "author added", "data record", "layout", "partial", "config", "lists switched off", "theme string", "stylesheet", "draft published",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Given_one_input_changed_When_rebuilt_incrementally_Then_the_output_equals_a_clean_build(string change)
    {
        using var site = TestSite.FromFixture("basic");
        site.Write("content/articles/draft.en.md", "---\ntitle: Not yet\ndate: 2018-05-01\ndraft: true\n---\nLater.\n");
        Assert.True(site.Build().Success);

        Change(site, change);
        var incremental = site.Build();

        using var clean = Copy(site);
        var cleanResult = clean.Build();
        Assert.True(incremental.Success, string.Join("\n", site.Errors(incremental)));
        Assert.True(cleanResult.Success);
        Assert.Equal(0, cleanResult.PagesKept);
        AssertSameOutput(clean.Output, site.Output);
    }

    [Fact]
    public void Given_one_article_body_edited_When_rebuilt_Then_pages_that_do_not_show_it_are_kept_not_rendered()
    {
        using var site = TestSite.FromFixture("basic");
        var first = site.Build();

        Change(site, "article body");
        var second = site.Build();

        Assert.Equal(0, first.PagesKept);
        // Records, indexes and the explorer always render; the other language's pages and lists that do not show the article are kept.
        Assert.True(second.PagesKept >= first.PageCount / 4, $"kept {second.PagesKept} of {second.PageCount}");
        Assert.Contains("An added paragraph", site.ReadOutput("en/articles/second/index.html"));
    }

    [Fact]
    public void Given_an_article_body_edited_below_its_summary_When_rebuilt_Then_only_its_own_page_renders_of_those_that_show_it()
    {
        using var site = TestSite.FromFixture("basic");
        site.Build();

        // hello.en.md has a summary in its front matter, so lists, tags and the provider page show nothing of its body.
        // (The new link keeps this from being a quick edit, which writes the page without the graph: this is
        // about the render keys of the full build.)
        var text = File.ReadAllText(Path.Combine(site.Root, "content/articles/hello.en.md"));
        Edit(site, "content/articles/hello.en.md", text + "\nA closing sentence added later, [on tags](/en/tags/).\n");
        var result = site.Build();

        Assert.False(result.QuickEdit);
        Assert.DoesNotContain("en/articles/hello/index.html", result.KeptPages);
        Assert.Contains("A closing sentence added later, ", site.ReadOutput("en/articles/hello/index.html"));
        Assert.Subset(result.KeptPages.ToHashSet(), new HashSet<string>
        {
            "en/index.html", "en/tags/cloud/index.html", "en/articles/second/index.html", "en/providers/acme-cloud/index.html",
            "index.html", "articles/hello/index.html",
        });
    }

    [Fact]
    public void Given_an_article_title_edited_When_rebuilt_Then_the_pages_that_list_it_render_again_and_the_others_are_kept()
    {
        using var site = TestSite.FromFixture("basic");
        site.Build();

        var text = File.ReadAllText(Path.Combine(site.Root, "content/articles/second.en.md"));
        Edit(site, "content/articles/second.en.md", text.Replace("title: Second piece", "title: Second piece, renamed", StringComparison.Ordinal));
        var result = site.Build();

        foreach (var listing in new[] { "en/index.html", "en/tags/cloud/index.html", "en/articles/second/index.html" })
        {
            Assert.DoesNotContain(listing, result.KeptPages);
            Assert.Contains("Second piece, renamed", site.ReadOutput(listing));
        }

        Assert.Contains("index.html", result.KeptPages);
        Assert.Contains("articles/hello/index.html", result.KeptPages);
    }

    [Fact]
    public void Given_a_kept_page_whose_output_file_was_deleted_When_rebuilt_Then_it_is_rendered_again()
    {
        using var site = TestSite.FromFixture("basic");
        site.Build();
        File.Delete(Path.Combine(site.Output, "en/articles/hello/index.html"));
        Change(site, "article body");

        var result = site.Build();

        Assert.True(result.Success);
        Assert.True(site.OutputExists("en/articles/hello/index.html"));
    }

    [Fact]
    public void Given_a_damaged_cache_When_rebuilt_Then_the_build_ignores_it_and_writes_the_same_output()
    {
        using var site = TestSite.FromFixture("basic");
        site.Build();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(site.Root, ".cloudportal"), "pages-*.bin"))
        {
            var bytes = File.ReadAllBytes(file);
            File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        }

        Change(site, "article body");
        var result = site.Build();

        using var clean = Copy(site);
        clean.Build();
        Assert.True(result.Success);
        Assert.Equal(0, result.PagesKept);
        AssertSameOutput(clean.Output, site.Output);
    }

    [Fact]
    public void Given_a_build_with_errors_When_fixed_and_rebuilt_Then_the_output_equals_a_clean_build()
    {
        using var site = TestSite.FromFixture("basic");
        site.Build();
        var second = Path.Combine(site.Root, "content/articles/second.en.md");
        var good = File.ReadAllText(second);
        Edit(site, "content/articles/second.en.md", good.Replace("(article:hello)", "(article:nowhere)", StringComparison.Ordinal));
        Assert.False(site.Build().Success);

        Edit(site, "content/articles/second.en.md", good.Replace("Only in English.", "Only in English, fixed.", StringComparison.Ordinal));
        var fixedResult = site.Build();

        using var clean = Copy(site);
        clean.Build();
        Assert.True(fixedResult.Success);
        AssertSameOutput(clean.Output, site.Output);
    }

    private static void Change(TestSite site, string change)
    {
        string Read(string path) => File.ReadAllText(Path.Combine(site.Root, path));
        void Replace(string path, string from, string to)
        {
            var text = Read(path);
            Assert.Contains(from, text);
            Edit(site, path, text.Replace(from, to, StringComparison.Ordinal));
        }

        switch (change)
        {
            case "article body":
                Replace("content/articles/second.en.md", "Only in English.", "Only in English.\n\nAn added paragraph.");
                break;
            case "article title":
                Replace("content/articles/second.en.md", "title: Second piece", "title: Second piece, renamed");
                break;
            case "article tags":
                Replace("content/articles/second.en.md", "tags: [cloud]", "tags: [cloud, regions]");
                break;
            case "article added":
                Edit(site, "content/articles/third.en.md", "---\ntitle: Third piece\ndate: 2018-06-01\ntags: [cloud]\nproviders: [acme-cloud]\n---\nA third one.\n");
                break;
            case "article removed":
                Replace("content/articles/hello.en.md", "[the other piece](article:second)", "the other piece");
                Replace("content/articles/hello.zh.md", "(article:second)", "(article:hello)");
                site.Delete("content/articles/second.en.md");
                break;
            case "linked article title":
                // hello links to second with its own words; second links to hello with its title, so hello's title shows in second's body.
                Replace("content/articles/second.en.md", "Back to [hello](article:hello)", "Back to [](article:hello)");
                site.Build();
                Replace("content/articles/hello.en.md", "title: Hello, cloud", "title: Hello again, cloud");
                break;
            case "author added":
                // A person's page lists the articles they wrote.
                Replace("content/articles/second.en.md", "tags: [cloud]", "tags: [cloud]\nauthors: [jane-doe]");
                break;
            case "data record":
                Replace("content/data/providers/acme-cloud.yaml", "en: Acme Cloud}", "en: Acme Cloud International}");
                break;
            case "layout":
                Replace("themes/default/layouts/article.html", "</article>", "<p class=\"marker\">layout changed</p></article>");
                break;
            case "partial":
                Replace("themes/default/partials/bottom.html", "</footer>", "<p>partial changed</p></footer>");
                break;
            case "config":
                Replace("cloudportal.yaml", "en: Basic Fixture}", "en: Basic Fixture Renamed}");
                break;
            case "lists switched off":
                // Pages the first build wrote and the second does not must go, and no page may keep a link to them.
                File.AppendAllText(Path.Combine(site.Root, "cloudportal.yaml"), "\npages: {article_list: false, archives: false, tag_index: false, paginate_tags: false}\n");
                break;
            case "theme string":
                Replace("themes/default/i18n/en.yaml", "nav_articles: Articles", "nav_articles: Stories");
                break;
            case "stylesheet":
                File.AppendAllText(Path.Combine(site.Root, "themes/default/static/css/site.css"), "\n.marker { color: red; }\n");
                File.SetLastWriteTimeUtc(Path.Combine(site.Root, "themes/default/static/css/site.css"), DateTime.UtcNow.AddSeconds(5));
                break;
            case "draft published":
                Replace("content/articles/draft.en.md", "draft: true\n", "");
                break;
            default:
                throw new ArgumentException(change);
        }
    }

    /// <summary>Writes a file and moves its time on, as an editor saving it a moment later would.</summary>
    internal static void Edit(TestSite site, string path, string text)
    {
        site.Write(path, text);
        File.SetLastWriteTimeUtc(Path.Combine(site.Root, path), DateTime.UtcNow.AddSeconds(5));
    }

    internal static TestSite Copy(TestSite site)
    {
        var copy = TestSite.Create();
        foreach (var folder in new[] { "content", "themes" })
        {
            TestSite.CopyDirectory(Path.Combine(site.Root, folder), Path.Combine(copy.Root, folder));
        }

        File.Copy(Path.Combine(site.Root, "cloudportal.yaml"), Path.Combine(copy.Root, "cloudportal.yaml"));
        return copy;
    }

    internal static void AssertSameOutput(string expectedRoot, string actualRoot)
    {
        static Dictionary<string, byte[]> Files(string root) =>
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);

        var expected = Files(expectedRoot);
        var actual = Files(actualRoot);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var different = expected.Keys.Where(k => !expected[k].AsSpan().SequenceEqual(actual[k])).Order(StringComparer.Ordinal).ToList();
        Assert.True(different.Count == 0, "differs from a clean build: " + string.Join(", ", different));
    }
}
