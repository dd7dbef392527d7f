using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Output;

public sealed class AtomicOutputTests
{
    private const string Good = "---\ntitle: Good\ndate: 2018-01-01\n---\nGood body.\n";

    private static Dictionary<string, (string Text, DateTime Mtime)> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => (File.ReadAllText(f), File.GetLastWriteTimeUtc(f)));

    [Fact]
    public void Given_a_good_build_When_the_next_build_fails_Then_the_previous_output_is_left_exactly_as_it_was()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/good.en.md", Good));
        Assert.True(site.Build().Success);
        var before = Snapshot(site.Output);

        site.Write("content/articles/good.en.md", "---\ntitle: Changed\ndate: 2018-01-01\n---\nChanged body.\n");
        site.Write("content/articles/bad.en.md", "---\ntitle: Bad\ndate: not-a-date\n---\n");
        var failed = site.Build();

        Assert.False(failed.Success);
        Assert.Equal(before, Snapshot(site.Output));
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".cloudportal")) &&
            Directory.EnumerateDirectories(Path.Combine(site.Root, ".cloudportal"), "staging-*").Any());
    }

    [Fact]
    public void Given_nothing_changed_When_rebuilt_Then_no_file_is_rewritten()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/good.en.md", Good));
        var first = site.Build();
        var before = Snapshot(site.Output);

        var second = site.Build();

        Assert.Equal(0, second.FilesWritten);
        Assert.Equal(first.FilesWritten, second.FilesUnchanged);
        Assert.Equal(before, Snapshot(site.Output));
    }

    [Fact]
    public void Given_an_article_removed_When_rebuilt_Then_its_page_is_removed_and_other_files_stay()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/good.en.md", Good), ("content/articles/gone.en.md", Good.Replace("Good", "Gone")));
        Assert.True(site.Build().Success);
        File.WriteAllText(Path.Combine(site.Output, "CNAME"), "example.org");
        Assert.True(site.OutputExists("en/articles/gone/index.html"));

        site.Delete("content/articles/gone.en.md");
        var result = site.Build();

        Assert.True(result.Success);
        Assert.False(site.OutputExists("en/articles/gone/index.html"));
        Assert.False(Directory.Exists(Path.Combine(site.Output, "en/articles/gone")));
        Assert.True(site.OutputExists("en/articles/good/index.html"));
        Assert.True(site.OutputExists("CNAME"));
    }

    [Fact]
    public void Given_the_same_input_When_built_twice_into_fresh_folders_Then_the_trees_are_byte_identical()
    {
        using var first = TestSite.FromFixture("basic");
        using var second = TestSite.FromFixture("basic");

        Assert.True(first.Build().Success);
        Assert.True(second.Build().Success);

        var a = Directory.EnumerateFiles(first.Output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first.Output, f)).Order().ToList();
        var b = Directory.EnumerateFiles(second.Output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second.Output, f)).Order().ToList();
        Assert.Equal(a, b);
        Assert.All(a, f => Assert.Equal(File.ReadAllBytes(Path.Combine(first.Output, f)), File.ReadAllBytes(Path.Combine(second.Output, f))));
    }
}
