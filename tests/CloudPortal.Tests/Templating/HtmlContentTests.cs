using System.Text.Json;
using System.Text.RegularExpressions;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Templating;

/// <summary>A rendered body and JSON-LD reach the page as HTML whether a layout prints them itself, through a partial, or through a partial's result kept in a variable.</summary>
public sealed class HtmlContentTests
{
    private const string Article = "---\ntitle: 云计算 & regions\ndate: 2018-01-01\n---\nA body with **可用区** 😀 and <em>inline HTML</em>.\n";

    [Fact]
    public void Given_a_body_printed_by_the_layout_and_by_a_partial_Then_both_are_the_same_HTML()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article));
        site.Write("themes/default/layouts/article.html",
            "{{ include 'top.html' }}<div class=\"direct\">{{ page.content }}</div><div class=\"partial\">{{ include 'body.html' }}</div>"
            + "<div class=\"assigned\">{{ kept = include 'body.html' }}{{ kept }}</div>"
            + "<p class=\"size\">{{ page.content.value | string.size }}</p>{{ include 'bottom.html' }}");
        site.Write("themes/default/partials/body.html", "{{ page.content }}");

        var result = site.Build();

        Assert.True(result.Success, string.Join("\n", site.Errors(result)));
        var html = site.ReadOutput("en/articles/x/index.html");
        var direct = Regex.Match(html, "<div class=\"direct\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        var partial = Regex.Match(html, "<div class=\"partial\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<strong>可用区</strong> 😀 and <em>inline HTML</em>", direct);
        var assigned = Regex.Match(html, "<div class=\"assigned\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(direct, partial);
        Assert.Equal(direct, assigned);
        // Used as text, the body is its HTML decoded: its length in characters.
        Assert.Contains($"<p class=\"size\">{direct.Length}</p>", html);
    }

    [Fact]
    public void Given_an_article_Then_its_JSON_LD_is_one_script_of_valid_JSON_with_its_title()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/x.en.md", Article));

        var result = site.Build();

        Assert.True(result.Success, string.Join("\n", site.Errors(result)));
        var html = site.ReadOutput("en/articles/x/index.html");
        var scripts = Regex.Matches(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        var json = Assert.Single(scripts).Groups[1].Value;
        using var document = JsonDocument.Parse(json);
        var article = document.RootElement.GetProperty("@graph").EnumerateArray().First(e => e.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal("云计算 & regions", article.GetProperty("headline").GetString());
    }
}
