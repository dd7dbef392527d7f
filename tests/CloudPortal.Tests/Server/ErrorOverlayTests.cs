using AngleSharp.Html.Parser;
using CloudPortal.Diagnostics;
using CloudPortal.Server;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Server;

public sealed class ErrorOverlayTests
{
    private static Diagnostic Error(string file, int line, int column, string message) =>
        new(DiagnosticSeverity.Error, new SourceLocation(file, line, column), message);

    [Fact]
    public void Each_error_has_its_place_message_and_the_lines_around_it_with_its_line_marked()
    {
        using var site = TestSite.Create(("content/articles/x.en.md", "---\ntitle: X\ndate: soon\ntags: [a]\n---\nbody\nmore\n"));

        var html = ErrorOverlay.Render([Error("content/articles/x.en.md", 3, 7, "`date` must be a date")], site.Root);
        var overlay = new HtmlParser().ParseDocument(html).GetElementById(ErrorOverlay.ElementId)!;

        Assert.Equal("content/articles/x.en.md:3:7", overlay.QuerySelector(".cp-where")!.TextContent);
        Assert.Equal("`date` must be a date", overlay.QuerySelector(".cp-message")!.TextContent);
        var lines = overlay.QuerySelectorAll(".cp-line").Select(l => l.TextContent).ToList();
        Assert.Equal(["1---", "2title: X", "3date: soon", "4tags: [a]", "5---"], lines);
        Assert.Equal("3date: soon", overlay.QuerySelector("mark.cp-line")!.TextContent);
        Assert.Contains("1 error(s)", overlay.TextContent);
    }

    [Fact]
    public void Source_text_and_messages_are_escaped()
    {
        using var site = TestSite.Create(("content/pages/p.en.md", "<script>alert(1)</script>\n"));

        var html = ErrorOverlay.Render([Error("content/pages/p.en.md", 1, 1, "bad <img src=x onerror=alert(2)> & \"quotes\"")], site.Root);

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        var overlay = new HtmlParser().ParseDocument(html).GetElementById(ErrorOverlay.ElementId)!;
        Assert.Equal("bad <img src=x onerror=alert(2)> & \"quotes\"", overlay.QuerySelector(".cp-message")!.TextContent);
    }

    [Theory]
    [InlineData("content/articles/x.en.md", 0)]
    [InlineData("content/missing.md", 2)]
    [InlineData("../outside.md", 1)]
    [InlineData("content", 1)]
    public void No_excerpt_without_a_line_or_a_readable_file_inside_the_site(string file, int line)
    {
        // The site is a folder inside the temp folder, so that "../outside.md" names a real file.
        using var temp = TestSite.Create(("site/content/articles/x.en.md", "a\nb\n"), ("outside.md", "secret\n"));

        var html = ErrorOverlay.Render([Error(file, line, 1, "problem")], Path.Combine(temp.Root, "site"));

        Assert.DoesNotContain("<pre>", html);
        Assert.DoesNotContain("secret", html);
        Assert.Contains("problem", html);
    }

    [Fact]
    public void Near_the_ends_of_a_file_the_excerpt_is_cut_to_what_exists()
    {
        using var site = TestSite.Create(("a.yaml", "one\ntwo\n"));

        Assert.Equal([(1, "one"), (2, "two")], ErrorOverlay.Excerpt(site.Root, new SourceLocation("a.yaml", 1, 1)));
        Assert.Equal([(1, "one"), (2, "two")], ErrorOverlay.Excerpt(site.Root, new SourceLocation("a.yaml", 2, 1)));
    }

    [Fact]
    public void Many_errors_are_counted_past_the_first_ones()
    {
        var errors = Enumerable.Range(1, 40).Select(i => Error($"f{i}.md", 0, 0, $"error {i}")).ToList();

        var overlay = new HtmlParser().ParseDocument(ErrorOverlay.Render(errors, Path.GetTempPath())).GetElementById(ErrorOverlay.ElementId)!;

        Assert.Equal(25, overlay.QuerySelectorAll("section").Length);
        Assert.Contains("40 error(s)", overlay.TextContent);
        Assert.Contains("15 more", overlay.TextContent);
    }
}
