using System.Text;
using CloudPortal.Server;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Server;

public sealed class RequestPathsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/en/articles/hello/")]
    [InlineData("/css/site.6869cc10f1.css?cloudportal=abc")]
    [InlineData("/tags/%E5%85%A8%E7%90%83%E5%8C%96/")]
    [InlineData("/a..b/c.d")]
    public void Ordinary_targets_are_safe(string target) => Assert.True(RequestPaths.IsSafeRawTarget(target));

    [Theory]
    [InlineData("/../cloudportal.yaml")]
    [InlineData("/a/../../cloudportal.yaml")]
    [InlineData("/./x")]
    [InlineData("/%2e%2e/cloudportal.yaml")]
    [InlineData("/%2E./cloudportal.yaml")]
    [InlineData("/..%2fcloudportal.yaml")]
    [InlineData("/..%2Fcloudportal.yaml")]
    [InlineData("/a\\..\\b")]
    [InlineData("/%5c..")]
    [InlineData("/x%00.html")]
    [InlineData("/x\0.html")]
    [InlineData("/x%0a")]
    [InlineData("/x%zz")]
    [InlineData("/x%2")]
    [InlineData("http://example.org/")]
    [InlineData("*")]
    [InlineData("")]
    public void Traversal_encoded_separators_and_control_characters_are_not(string target) =>
        Assert.False(RequestPaths.IsSafeRawTarget(target));

    [Theory]
    [InlineData("/", "")]
    [InlineData("/en/", "en/")]
    [InlineData("/atom.xml", "atom.xml")]
    [InlineData("/tags/全球化/", "tags/全球化/")]
    public void Decoded_paths_map_to_site_relative_paths(string path, string relative) =>
        Assert.Equal(relative, RequestPaths.ToRelative(path));

    [Theory]
    [InlineData("/../x")]
    [InlineData("/a/..")]
    [InlineData("/a/./b")]
    [InlineData("//etc/passwd")]
    [InlineData("/a//b")]
    [InlineData("/a\\b")]
    [InlineData("/C:/Windows")]
    [InlineData("/a\0b")]
    [InlineData("relative")]
    [InlineData("")]
    public void Decoded_paths_that_could_leave_the_site_map_to_nothing(string path) => Assert.Null(RequestPaths.ToRelative(path));

    [Fact]
    public void The_static_site_never_resolves_outside_its_root()
    {
        using var site = TestSite.Create(("secret.txt", "x"), ("out/index.html", "<p>home</p>"), ("out/a/index.html", "<p>a</p>"), ("out/b.txt", "b"));
        var served = new StaticSite(Path.Combine(site.Root, "out"));

        Assert.Equal(ResolutionKind.File, served.Resolve("/").Kind);
        Assert.Equal(ResolutionKind.File, served.Resolve("/b.txt").Kind);
        Assert.Equal(ResolutionKind.AddSlash, served.Resolve("/a").Kind);
        Assert.Equal(ResolutionKind.NotFound, served.Resolve("/b.txt/").Kind);
        Assert.Equal(ResolutionKind.NotFound, served.Resolve("/../secret.txt").Kind);
        Assert.Equal(ResolutionKind.NotFound, served.Resolve("/a/../../secret.txt").Kind);
        Assert.Equal(ResolutionKind.NotFound, served.Resolve("/" + Path.Combine(site.Root, "secret.txt").TrimStart('/')).Kind);
        Assert.Equal(ResolutionKind.NotFound, served.Resolve("/nope").Kind);
    }

    [Theory]
    [InlineData("<html><body><p>x</p></body></html>", "<html><body><p>x</p>[+]</body></html>")]
    [InlineData("<BODY>quoted </body> in text</BODY>", "<BODY>quoted </body> in text[+]</BODY>")]
    [InlineData("<p>fragment</p>", "<p>fragment</p>[+]")]
    public void The_decoration_goes_just_before_the_last_body_end_tag(string html, string expected)
    {
        var decoration = new PageDecoration("v1", overlayHtml: "[+]");
        var script = $"<script src=\"{PreviewServer.ScriptPath}\" data-version=\"v1\"></script>\n";

        var result = Encoding.UTF8.GetString(decoration.Apply(Encoding.UTF8.GetBytes(html)));

        Assert.Equal(expected.Replace("[+]", "[+]" + script), result);
    }
}
