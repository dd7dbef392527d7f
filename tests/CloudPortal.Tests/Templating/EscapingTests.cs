using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Templating;

public sealed class EscapingTests
{
    [Fact]
    public void Given_markup_in_front_matter_and_data_When_rendered_Then_it_is_escaped_but_the_markdown_body_is_html()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/x.en.md", "---\ntitle: \"<script>alert(1)</script> & \\\"quotes\\\"\"\ndate: 2018-01-01\nsummary: \"<b>bold</b>\"\nproviders: [p]\n---\nBody with **strong** text.\n"),
            ("content/data/providers/p.yaml", "name: {zh: \"<img src=x onerror=alert(1)>\", en: \"<img src=x onerror=alert(1)>\"}\nsummary: plain\n"));

        var result = site.Build();

        Assert.True(result.Success, string.Join("\n", site.Errors(result)));
        var article = site.ReadOutput("en/articles/x/index.html");
        Assert.DoesNotContain("<script>alert(1)</script>", article);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", article);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", article);
        Assert.Contains("<strong>strong</strong>", article);
        Assert.DoesNotContain("<img src=x", article);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", site.ReadOutput("en/providers/p/index.html"));
    }
}
