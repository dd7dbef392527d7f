using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Templating;

public sealed class TemplateErrorTests
{
    private const string Article = "---\ntitle: Hello\ndate: 2018-01-01\n---\nBody\n";

    [Fact]
    public void Given_a_layout_with_a_syntax_error_When_built_Then_error_is_at_the_template_line_and_column()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article));
        site.Write("themes/default/layouts/article.html", "<h1>{{ page.title }}</h1>\n<p>{{ if }}</p>\n");

        var errors = site.Errors(site.Build()).ToArray();

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("themes/default/layouts/article.html:2:", e));
        Assert.Contains("template syntax", errors[0]);
    }

    [Fact]
    public void Given_a_layout_calling_an_unknown_function_When_built_Then_runtime_error_names_template_position_and_page()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article));
        site.Write("themes/default/layouts/article.html", "<h1>{{ page.title }}</h1>\n\n<p>{{ no_such_function page.title }}</p>\n");

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.StartsWith("themes/default/layouts/article.html:3:7: error: template error: ", error);
        Assert.Contains("no_such_function", error);
        Assert.EndsWith("(while rendering content/articles/x.en.md)", error);
    }

    [Fact]
    public void Given_a_layout_using_a_string_no_language_defines_When_built_Then_error_names_key_and_language()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article));
        site.Write("themes/default/layouts/article.html", "<h1>{{ t 'no_such_key' }}</h1>\n");

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.Equal("themes/default/i18n/en.yaml: error: missing interface string 'no_such_key' for language 'en' (used by layout article); add `no_such_key: …` to the file", error);
    }

    [Fact]
    public void Given_a_string_defined_in_one_language_only_When_built_Then_error_names_the_language_missing_it()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article));
        var english = Path.Combine(site.Root, "themes/default/i18n/en.yaml");
        File.AppendAllText(english, "only_english: Only English\n");
        var line = File.ReadAllLines(english).Length;

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.Equal($"themes/default/i18n/zh.yaml: error: missing interface string 'only_english' for language 'zh' (defined at themes/default/i18n/en.yaml:{line}:1)", error);
    }

    [Fact]
    public void Given_a_layout_that_changes_the_shared_site_object_When_built_Then_it_is_an_error_at_that_line()
    {
        // Pages of one language share their site object; a change made while rendering one page would
        // show on whichever page a thread renders next.
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article), ("content/articles/y.en.md", Article.Replace("Hello", "Other")));
        site.Write("themes/default/layouts/article.html", "<h1>{{ page.title }}</h1>\n{{ site.nav[0].title = 'changed' }}\n");

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.StartsWith("themes/default/layouts/article.html:2:", error);
        Assert.Contains("template error", error);
    }
}
