using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Loading;

public sealed class FrontMatterErrorTests
{
    private static string[] BuildErrors(string article)
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", article));
        var result = site.Build();
        Assert.False(result.Success);
        return site.Errors(result).ToArray();
    }

    [Fact]
    public void Given_front_matter_never_closed_When_built_Then_error_points_at_line_1()
    {
        var errors = BuildErrors("---\ntitle: Hello\ndate: 2018-01-01\n\nBody text.\n");

        Assert.Equal(["content/articles/x.en.md:1:1: error: front matter opened with '---' on line 1 is never closed; add a line '---' after the last field"], errors);
    }

    [Fact]
    public void Given_invalid_yaml_When_built_Then_error_is_at_its_line_and_column_counted_from_the_top_of_the_file()
    {
        var errors = BuildErrors("---\ntitle: Hello\ndate: 2018-01-01\nsummary: one: two\n---\nBody\n");

        var error = Assert.Single(errors);
        Assert.StartsWith("content/articles/x.en.md:4:13: error: invalid YAML: ", error);
    }

    [Fact]
    public void Given_a_date_that_is_not_a_date_When_built_Then_error_names_the_field_at_the_value()
    {
        var errors = BuildErrors("---\ntitle: Hello\ndate: yesterday\n---\nBody\n");

        Assert.Equal(["content/articles/x.en.md:3:7: error: `date` must be a date like 2018-06-01, not 'yesterday'"], errors);
    }

    [Fact]
    public void Given_a_list_where_a_text_belongs_When_built_Then_error_names_the_field()
    {
        var errors = BuildErrors("---\ntitle: [a, b]\ndate: 2018-01-01\n---\nBody\n");

        Assert.Equal(["content/articles/x.en.md:2:8: error: `title` must be a text, not a list"], errors);
    }

    [Fact]
    public void Given_a_misspelt_field_When_built_Then_error_suggests_the_closest_field()
    {
        var errors = BuildErrors("---\ntitle: Hello\ndate: 2018-01-01\nsumary: Short\n---\nBody\n");

        var error = Assert.Single(errors);
        Assert.StartsWith("content/articles/x.en.md:4:1: error: unknown field `sumary` (did you mean 'summary'?)", error);
    }

    [Fact]
    public void Given_a_missing_title_When_built_Then_error_says_which_field_is_missing()
    {
        var errors = BuildErrors("---\ndate: 2018-01-01\n---\nBody\n");

        Assert.Equal(["content/articles/x.en.md:2:1: error: missing required field `title` (a text)"], errors);
    }

    [Fact]
    public void Given_several_broken_files_When_built_Then_every_error_is_reported_in_one_run()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/a.en.md", "---\ntitle: A\ndate: nope\n---\n"),
            ("content/articles/b.en.md", "---\ntitle: B\n"),
            ("content/articles/c.zh.md", "---\ntitle: C\ndate: 2018-01-01\nlayout: missing-layout\n---\n"));

        var errors = site.Errors(site.Build()).ToArray();

        Assert.Equal(3, errors.Length);
        Assert.StartsWith("content/articles/a.en.md:3:7:", errors[0]);
        Assert.StartsWith("content/articles/b.en.md:1:1:", errors[1]);
        Assert.StartsWith("content/articles/c.zh.md:4:9: error: unknown layout 'missing-layout'", errors[2]);
    }
}
