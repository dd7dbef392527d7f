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
}
