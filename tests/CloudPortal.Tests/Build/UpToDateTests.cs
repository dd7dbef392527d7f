using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

public sealed class UpToDateTests
{
    private static string Article(string title, string date = "2018-01-01") => $"---\ntitle: {title}\ndate: {date}\n---\nBody of {title}.\n";

    private static bool WasUpToDate(BuildResult result) => result.StageTimes.Any(s => s.Stage == "up to date");

    [Fact]
    public void Given_nothing_changed_When_rebuilt_Then_the_build_stops_early_and_replays_its_warnings()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.zh.md", Article("甲")));
        var first = site.Build();

        var second = site.Build();

        Assert.False(WasUpToDate(first));
        Assert.True(WasUpToDate(second));
        Assert.Equal(first.PagesByKind, second.PagesByKind);
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(0, second.FilesWritten);
    }

    [Fact]
    public void Given_an_edited_article_When_rebuilt_Then_the_output_is_what_a_clean_build_writes()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("Before")));
        site.Build();
        site.Write("content/articles/a.en.md", Article("After"));
        File.SetLastWriteTimeUtc(Path.Combine(site.Root, "content/articles/a.en.md"), DateTime.UtcNow.AddSeconds(5));

        var result = site.Build();

        Assert.False(WasUpToDate(result));
        Assert.Contains("After", site.ReadOutput("en/articles/a/index.html"));
    }

    [Theory]
    [InlineData("theme")]
    [InlineData("config")]
    [InlineData("data")]
    [InlineData("output")]
    [InlineData("options")]
    public void Given_any_input_or_the_output_changed_When_rebuilt_Then_the_build_runs_in_full(string change)
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A")));
        site.Build();
        var options = new BuildOptions(site.Root);
        switch (change)
        {
            case "theme":
                File.AppendAllText(Path.Combine(site.Root, "themes/default/i18n/en.yaml"), "extra_key: Extra\n");
                File.AppendAllText(Path.Combine(site.Root, "themes/default/i18n/zh.yaml"), "extra_key: 额外\n");
                break;
            case "config":
                File.AppendAllText(Path.Combine(site.Root, "cloudportal.yaml"), "\npaginate: 5\n");
                break;
            case "data":
                site.Write("content/data/industries/finance.yaml", "name: {zh: 金融, en: Finance}\n");
                break;
            case "output":
                File.Delete(Path.Combine(site.Output, "en/articles/a/index.html"));
                break;
            case "options":
                options = options with { IncludeDrafts = true };
                break;
        }

        var result = SiteBuilder.Build(options);

        Assert.True(result.Success);
        Assert.False(WasUpToDate(result));
        Assert.True(site.OutputExists("en/articles/a/index.html"));
    }

    [Fact]
    public void Given_the_config_names_another_theme_When_rebuilt_Then_that_theme_is_used_and_then_trusted_as_up_to_date()
    {
        // The shortcut checks the fingerprint with the last build's theme before the config is read: a
        // change of theme must still be seen, and the new theme's files then become the ones checked.
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A")));
        TestSite.CopyDirectory(Path.Combine(site.Root, "themes/default"), Path.Combine(site.Root, "themes/plain"));
        File.AppendAllText(Path.Combine(site.Root, "themes/plain/partials/top.html"), "<!-- the plain theme -->\n");
        site.Build();
        File.AppendAllText(Path.Combine(site.Root, "cloudportal.yaml"), "\ntheme: plain\n");

        var switched = site.Build();
        var again = site.Build();
        File.AppendAllText(Path.Combine(site.Root, "themes/plain/partials/top.html"), "<!-- edited -->\n");
        var edited = site.Build();

        Assert.False(WasUpToDate(switched));
        Assert.Contains("<!-- the plain theme -->", site.ReadOutput("en/articles/a/index.html"));
        Assert.True(WasUpToDate(again));
        Assert.False(WasUpToDate(edited));
        Assert.Contains("<!-- edited -->", site.ReadOutput("en/articles/a/index.html"));
    }

    [Theory]
    [InlineData("cloudportal-fingerprint-1\ninputs\t0\n")]
    [InlineData("cloudportal-fingerprint-1\ninputs\t0\ntheme\t\nvalid-until\t3155378975999999999\t0\n")]
    [InlineData("cloudportal-fingerprint-1\ninputs\t0\ntheme\t/\nvalid-until\t3155378975999999999\t0\n")]
    [InlineData("cloudportal-fingerprint-1\ninputs\t0\ntheme\tdefault\nvalid-until\tsoon\t0\nkind\tarticle\tmany\n")]
    [InlineData("cloudportal-fingerprint-1\ninputs\t0\ntheme\tdefault\nvalid-until\t3155378975999999999\t0\nwarning\ta.md\t1\t1\tbad \\q escape\n")]
    [InlineData("{\"inputs\": \"0\", \"theme\": \"default\", \"validUntil\": \"9999-12-31T00:00:00+00:00\", \"pagesByKind\": {}, \"warnings\": []}")]
    public void Given_a_fingerprint_it_cannot_read_When_rebuilt_Then_the_build_runs_in_full(string unreadable)
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A")));
        site.Build();
        var fingerprint = Directory.GetFiles(Path.Combine(site.Root, ".cloudportal"), "build-*.txt").Single();
        File.WriteAllText(fingerprint, unreadable);

        var result = site.Build();

        Assert.True(result.Success);
        Assert.False(WasUpToDate(result));
        Assert.True(WasUpToDate(site.Build()));
    }

    [Fact]
    public void Given_a_future_article_When_its_date_passes_Then_the_next_build_publishes_it_without_any_edit()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("Now")), ("content/articles/b.en.md", Article("Later", "2030-01-01")));
        var before = new BuildOptions(site.Root) { Now = new DateTimeOffset(2029, 12, 31, 0, 0, 0, TimeSpan.Zero) };
        SiteBuilder.Build(before);
        Assert.False(site.OutputExists("en/articles/b/index.html"));
        Assert.True(WasUpToDate(SiteBuilder.Build(before)));

        var result = SiteBuilder.Build(before with { Now = new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero) });

        Assert.False(WasUpToDate(result));
        Assert.True(site.OutputExists("en/articles/b/index.html"));
    }

    [Fact]
    public void A_failed_build_leaves_no_fingerprint_so_the_next_build_runs_in_full()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", Article("A")));
        site.Build();
        site.Write("content/articles/a.en.md", "---\ntitle: A\ndate: never\n---\n");
        Assert.False(site.Build().Success);

        Assert.False(site.Build().Success);
    }
}
