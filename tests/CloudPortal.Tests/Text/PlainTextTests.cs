using System.Net;
using System.Text;
using CloudPortal.Text;

namespace CloudPortal.Tests.Text;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("<p>one</p><p>two</p>", "one two")]
    [InlineData("<p>  spaced \n\t out  </p>", "spaced out")]
    [InlineData("<p>a<em>b</em>c</p>", "a b c")]
    [InlineData("<pre><code>x &lt; y &amp;&amp; z</code></pre>", "x < y && z")]
    [InlineData("text without tags", "text without tags")]
    [InlineData("<p>cut off <a href=\"x\"", "cut off")]
    [InlineData("", "")]
    [InlineData("<p>云计算</p>\n<p>可用区</p>", "云计算 可用区")]
    public void Strips_tags_and_collapses_whitespace(string html, string text)
    {
        Assert.Equal(text, PlainText.FromHtml(html));
    }

    [Theory]
    [InlineData("a > b, stray > brackets >> and &lt;b&gt; &amp;amp; & alone")]
    [InlineData("\u00A0lead\u3000ideographic\u2003em\u0085nel\u2028line <b>x</b>\u00A0")]
    public void Given_any_text_Then_the_result_is_the_one_of_copying_it_character_by_character(string html)
    {
        Assert.Equal(ByCharacters(html), PlainText.FromHtml(html));
        var buffer = new char[html.Length];
        Assert.Equal(ByCharacters(html), PlainText.FromHtml(html, buffer).ToString());
    }

    [Fact]
    public void Given_random_html_Then_the_result_is_the_one_of_copying_it_character_by_character()
    {
        var alphabet = "ab 云<>&;/p\t\n\u00A0\u3000\u2003é";
        var random = new Random(20261129);
        for (var round = 0; round < 2000; round++)
        {
            var html = new string(Enumerable.Range(0, random.Next(0, 50)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(ByCharacters(html), PlainText.FromHtml(html));
        }
    }

    /// <summary>The definition: text between tags, whitespace collapsed to one space, a stray '>' dropped, entities decoded.</summary>
    private static string ByCharacters(string html)
    {
        var text = new StringBuilder();
        var pendingSpace = false;
        var rest = html.AsSpan();
        while (!rest.IsEmpty)
        {
            var tag = rest.IndexOf('<');
            foreach (var c in tag < 0 ? rest : rest[..tag])
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = text.Length > 0;
                    continue;
                }

                if (c == '>')
                {
                    continue;
                }

                if (pendingSpace)
                {
                    text.Append(' ');
                    pendingSpace = false;
                }

                text.Append(c);
            }

            if (tag < 0)
            {
                break;
            }

            pendingSpace = text.Length > 0;
            var end = rest[tag..].IndexOf('>');
            if (end < 0)
            {
                break;
            }

            rest = rest[(tag + end + 1)..];
        }

        return WebUtility.HtmlDecode(text.ToString());
    }
}
