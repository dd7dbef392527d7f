using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Output;

public sealed class PathSafetyTests
{
    [Theory]
    [InlineData("../../escaped")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("C:\\\\temp")]
    public void Given_a_slug_that_names_a_path_When_built_Then_it_is_refused_and_nothing_is_written_outside_the_output(string slug)
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", $"---\ntitle: X\ndate: 2018-01-01\nslug: \"{slug}\"\n---\n"));
        var parent = Path.GetDirectoryName(site.Root)!;

        var result = site.Build();

        var error = Assert.Single(site.Errors(result));
        Assert.StartsWith("content/articles/x.en.md:4:7: error: ", error);
        Assert.Contains("cannot be used in a URL", error);
        Assert.False(Directory.Exists(site.Output));
        Assert.False(Directory.Exists(Path.Combine(parent, "escaped")));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(parent)!, "escaped")));
        Assert.Equal(["cloudportal.yaml", "content/articles/x.en.md"],
            Directory.EnumerateFiles(site.Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(site.Root, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("themes/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Given_a_permalink_pattern_climbing_out_When_built_Then_the_page_is_refused()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", "---\ntitle: X\ndate: 2018-01-01\n---\n"));
        site.Write("cloudportal.yaml", TestSite.MinimalConfig + "\npermalinks:\n  articles: \"../../{slug}/\"\n");

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.Contains("would leave the output folder", error);
        Assert.False(Directory.Exists(site.Output));
    }
}
