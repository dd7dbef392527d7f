using CloudPortal.Build;
using CloudPortal.Tests.Support;
using static CloudPortal.Tests.Incremental.IncrementalBuildTests;

namespace CloudPortal.Tests.Incremental;

/// <summary>
/// A quick edit writes an edited body into the last output without the site graph. It must write exactly
/// what a clean build writes, and must leave to the full build every edit it cannot show to be only a body.
/// </summary>
public sealed class QuickEditTests
{
    private const string Hello = "content/articles/hello.en.md";
    private const string Second = "content/articles/second.en.md";

    /// <summary>The basic fixture with feeds of summaries and no search index: bodies that neither shows.</summary>
    private static TestSite Site(string settings = "feeds: {content: summary}\nsearch: {enabled: false}\n", params (string Path, string Text)[] files)
    {
        var site = TestSite.FromFixture("basic");
        File.AppendAllText(Path.Combine(site.Root, "cloudportal.yaml"), settings);
        foreach (var (path, text) in files)
        {
            site.Write(path, text);
        }

        Assert.True(site.Build().Success);
        return site;
    }

    private static void Replace(TestSite site, string path, string from, string to)
    {
        var text = File.ReadAllText(Path.Combine(site.Root, path));
        Assert.Contains(from, text);
        Edit(site, path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static BuildResult RebuildAndCompare(TestSite site)
    {
        var result = site.Build();
        Assert.True(result.Success, string.Join("\n", site.Errors(result)));
        using var clean = Copy(site);
        Assert.True(clean.Build().Success);
        AssertSameOutput(clean.Output, site.Output);
        return result;
    }

    [Fact]
    public void Given_a_sentence_added_to_a_body_When_rebuilt_Then_only_its_page_is_written_and_it_equals_a_clean_build()
    {
        using var site = Site();
        // hello names a provider, a case and an article: they resolve as the full build resolved them.
        Replace(site, Hello, "see [the other piece](article:second).", "see [the other piece](article:second). A closing sentence added later.");

        var result = RebuildAndCompare(site);

        Assert.True(result.QuickEdit);
        Assert.Equal(["en/articles/hello/index.html"], result.ChangedFiles);
        Assert.Contains("A closing sentence added later.", site.ReadOutput("en/articles/hello/index.html"));
    }

    [Fact]
    public void Given_two_quick_edits_in_a_row_When_rebuilt_Then_each_equals_a_clean_build_and_a_third_build_has_nothing_to_do()
    {
        using var site = Site();
        Replace(site, Hello, "see [the other piece]", "see, first, [the other piece]");
        Assert.True(RebuildAndCompare(site).QuickEdit);
        Replace(site, Hello, "see, first, [the other piece]", "see, first and again, [the other piece]");
        Assert.True(RebuildAndCompare(site).QuickEdit);

        var third = site.Build();

        Assert.False(third.QuickEdit);
        Assert.Equal(0, third.FilesWritten);
        Assert.Equal(0, third.PagesKept); // up to date: nothing loaded, nothing kept or rendered
    }

    [Fact]
    public void Given_a_quick_edit_undone_together_with_another_change_When_rebuilt_Then_the_page_is_not_kept_from_the_cache()
    {
        using var site = Site();
        var original = File.ReadAllText(Path.Combine(site.Root, Hello));
        Replace(site, Hello, "see [the other piece]", "see, quickly, [the other piece]");
        Assert.True(site.Build().QuickEdit);

        // Back to the text the build cache knows, plus a title change that needs the full build: the cache's
        // key for the page matches again, but its file holds the quick edit's body.
        Edit(site, Hello, original);
        Replace(site, Second, "title: Second piece", "title: Second piece, renamed");
        var result = RebuildAndCompare(site);

        Assert.False(result.QuickEdit);
        Assert.DoesNotContain("en/articles/hello/index.html", result.KeptPages);
    }

    [Fact]
    public void Given_a_body_a_full_content_feed_carries_When_edited_Then_the_page_and_both_feeds_are_written_as_a_clean_build_writes_them()
    {
        using var site = Site("feeds: {content: full}\nsearch: {enabled: false}\n");
        Replace(site, Hello, "see [the other piece]", "see <also> & [the other piece]");

        var result = RebuildAndCompare(site);

        Assert.True(result.QuickEdit);
        Assert.Equal(["en/articles/hello/index.html", "en/atom.xml", "en/feed.json"], result.ChangedFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Given_two_bodies_of_one_feed_edited_together_and_then_the_later_again_When_rebuilt_Then_each_feed_equals_a_clean_build()
    {
        const string Third = "content/articles/third.en.md";
        using var site = Site("feeds: {content: full}\nsearch: {enabled: false}\n",
            (Third, "---\ntitle: Third piece\ndate: 2018-06-01\nsummary: The newest one.\ntags: [cloud]\n---\nNewest text, with [a link](/en/articles/hello/).\n"));
        Replace(site, Hello, "see [the other piece]", "see, in a much longer sentence than before, [the other piece]");
        Replace(site, Third, "Newest text", "Newer");
        Assert.True(RebuildAndCompare(site).QuickEdit);

        // The feed rows moved with the first edit: the second must find the later body where it is now.
        Replace(site, Hello, "see, in a much longer sentence than before,", "see");
        Replace(site, Third, "Newer", "The newest text of all");
        var result = RebuildAndCompare(site);

        Assert.True(result.QuickEdit);
        Assert.Contains("en/atom.xml", result.ChangedFiles);
    }

    [Fact]
    public void Given_a_body_the_search_index_holds_When_edited_Then_the_index_is_written_as_a_clean_build_writes_it()
    {
        // Search on (the default), feeds in full: the page, its language's index and both feeds change.
        using var site = Site("search: {enabled: true}\n");
        Replace(site, Hello, "see [the other piece]", "see the zephyrine notes and [the other piece]");

        var result = RebuildAndCompare(site);

        Assert.True(result.QuickEdit);
        Assert.Contains(result.ChangedFiles, f => f.StartsWith("search/en/", StringComparison.Ordinal));
        Assert.DoesNotContain(result.ChangedFiles, f => f.StartsWith("search/zh/", StringComparison.Ordinal));
        Assert.Contains("zephyr", string.Concat(Directory.EnumerateFiles(Path.Combine(site.Output, "search/en"), "*", SearchOption.AllDirectories).Select(File.ReadAllText)));
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("overwritten")]
    public void Given_a_damaged_quick_edit_index_When_a_body_is_edited_Then_the_full_build_writes_it_and_nothing_throws(string damage)
    {
        using var site = Site();
        var index = Directory.GetFiles(Path.Combine(site.Root, ".cloudportal"), "quick-*.bin").Single();
        var bytes = File.ReadAllBytes(index);
        if (damage == "cut short")
        {
            // The arrays stay whole; the entries, read only for the changed file, are gone.
            File.WriteAllBytes(index, bytes[..(bytes.Length - bytes.Length / 3)]);
        }
        else
        {
            // The last third (the entries) turned to 0xFF: counts and lengths of nonsense where they are read.
            Array.Fill(bytes, (byte)0xFF, bytes.Length - bytes.Length / 3, bytes.Length / 3);
            File.WriteAllBytes(index, bytes);
        }

        Replace(site, Hello, "see [the other piece]", "see, after the damage, [the other piece]");
        var result = RebuildAndCompare(site);

        Assert.False(result.QuickEdit);
    }

    public static TheoryData<string> NotOnlyABody =>
    [
        "summary taken from the body", "link added", "record named", "front matter", "contents list", "data file too",
        "body printed twice", "body used as text",
    ];

    [Theory]
    [MemberData(nameof(NotOnlyABody))]
    public void Given_an_edit_that_shows_beyond_the_body_When_rebuilt_Then_the_full_build_makes_it_and_the_output_equals_a_clean_build(string edit)
    {
        using var site = edit switch
        {
            _ => Site(),
        };
        switch (edit)
        {
            case "summary taken from the body":
                // second has no summary of its own: lists show its first sentence.
                Replace(site, Second, "Only in English.", "Only in English, and now longer.");
                break;
            case "link added":
                Replace(site, Second, "Only in English.", "Only in English, unlike [this](/en/articles/hello/).");
                break;
            case "record named":
                Replace(site, Second, "Only in English.", "Only in English, from [](provider:acme-cloud).");
                break;
            case "front matter":
                Replace(site, Second, "date: 2018-04-01", "date: 2018-04-02");
                break;
            case "contents list":
                Replace(site, Hello, "see [the other piece](article:second).", "see [the other piece](article:second).\n\n## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n");
                break;
            case "data file too":
                Replace(site, Hello, "see [the other piece]", "see, also, [the other piece]");
                Replace(site, "content/data/providers/acme-cloud.yaml", "en: Acme Cloud}", "en: Acme Cloud International}");
                break;
            case "body printed twice":
            case "body used as text":
                Replace(site, "themes/default/layouts/article.html", "{{ page.content }}",
                    edit == "body printed twice" ? "{{ page.content }}{{ page.content }}" : "{{ page.content }}<!-- {{ page.content | string.size }} -->");
                Assert.True(site.Build().Success);
                Replace(site, Hello, "see [the other piece]", "see, also, [the other piece]");
                break;
        }

        var result = RebuildAndCompare(site);

        Assert.False(result.QuickEdit);
    }
}
