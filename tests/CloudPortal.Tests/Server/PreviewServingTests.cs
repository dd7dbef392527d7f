using System.Net;
using AngleSharp.Html.Parser;
using CloudPortal.Server;

namespace CloudPortal.Tests.Server;

/// <summary>One server over the basic fixture, shared by the tests that only read from it.</summary>
public sealed class ServedFixture : IAsyncLifetime
{
    internal Preview Preview { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Preview = await Preview.StartAsync(site =>
        {
            site.Write("content/static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>\n");
            site.Write("content/static/site.webmanifest", "{\"name\": \"Basic\"}\n");
        });

    public async Task DisposeAsync() => await Preview.DisposeAsync();
}

public sealed class PreviewServingTests(ServedFixture fixture) : IClassFixture<ServedFixture>
{
    private Preview Preview => fixture.Preview;

    [Fact]
    public void Listens_on_loopback_on_the_port_it_picked_and_builds_for_that_url()
    {
        Assert.Equal("127.0.0.1", Preview.Server.Url.Host);
        Assert.NotEqual(0, Preview.Server.Url.Port);
        Assert.True(Preview.Server.FirstBuild.Success, string.Join("\n", Preview.Server.FirstBuild.Errors));
        Assert.Contains($"href=\"{Preview.Server.Url}404.html\"", File.ReadAllText(Path.Combine(Preview.Server.OutputDirectory, "404.html")));
    }

    [Fact]
    public async Task Home_page_is_served_with_the_live_reload_script_just_before_body_end()
    {
        using var response = await Preview.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var script = $"<script src=\"{PreviewServer.ScriptPath}\" data-version=\"{Preview.Server.Version}\"></script>";
        Assert.Contains(script + "\n</body>", html);
        Assert.DoesNotContain(ErrorOverlay.ElementId, html);

        // Injected on the way out: the built file is what `cloudportal build` would write.
        Assert.DoesNotContain(PreviewServer.ScriptPath, File.ReadAllText(Path.Combine(Preview.Server.OutputDirectory, "index.html")));
    }

    [Fact]
    public async Task The_live_reload_script_is_served_as_javascript()
    {
        using var response = await Preview.Http.GetAsync(PreviewServer.ScriptPath);
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("new EventSource(\"/__cloudportal/events\")", script);
    }

    [Fact]
    public async Task A_folder_url_serves_its_index_and_without_the_slash_redirects_to_it()
    {
        using var folder = await Preview.Http.GetAsync("/en/articles/hello/");
        using var bare = await Preview.Http.GetAsync("/en/articles/hello?x=1");

        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        Assert.Contains("Hello, cloud", await folder.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Found, bare.StatusCode);
        Assert.Equal("/en/articles/hello/?x=1", bare.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/../cloudportal.yaml")]
    [InlineData("/%2e%2e/cloudportal.yaml")]
    [InlineData("/%2E%2E/cloudportal.yaml")]
    [InlineData("/..%2fcloudportal.yaml")]
    [InlineData("/en/..%2f..%2fcloudportal.yaml")]
    [InlineData("/a\\..\\b")]
    [InlineData("/..\\cloudportal.yaml")]
    [InlineData("/./index.html")]
    [InlineData("//etc/passwd")]
    [InlineData("/%5c..%5ccloudportal.yaml")]
    public async Task Paths_that_could_leave_the_site_folder_get_404(string target)
    {
        // The output is built into preview/ inside the site, so each of these would reach the real
        // cloudportal.yaml if it got through.
        Assert.True(File.Exists(Path.Combine(Preview.Site.Root, "cloudportal.yaml")));

        var (status, response) = await Preview.RawGetAsync(target);

        Assert.Equal(404, status);
        Assert.DoesNotContain("base_url", response);
    }

    [Fact]
    public async Task An_encoded_nul_is_refused()
    {
        // Kestrel itself answers 400 for a NUL in the path before the handler sees it; either way nothing is served.
        var (status, _) = await Preview.RawGetAsync("/index.html%00.css");

        Assert.Contains(status, new[] { 400, 404 });
    }

    [Fact]
    public async Task A_missing_page_gets_404_with_the_sites_404_page()
    {
        using var response = await Preview.Http.GetAsync("/no/such/page/");
        var html = await response.Content.ReadAsStringAsync();
        var expected = File.ReadAllText(Path.Combine(Preview.Server.OutputDirectory, "404.html"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var title = new HtmlParser().ParseDocument(expected).Title;
        Assert.False(string.IsNullOrEmpty(title));
        Assert.Equal(title, new HtmlParser().ParseDocument(html).Title);
        Assert.Contains(PreviewServer.ScriptPath, html);
    }

    [Fact]
    public async Task Head_gets_the_headers_of_get_and_no_body()
    {
        using var get = await Preview.Http.GetAsync("/atom.xml");
        using var head = await Preview.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/atom.xml"));
        var body = await head.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(body);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Theory]
    [InlineData("/atom.xml")]
    [InlineData("/en/articles/hello/")]
    public async Task If_none_match_with_the_current_etag_gets_304(string path)
    {
        using var first = await Preview.Http.GetAsync(path);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var second = await Preview.Http.SendAsync(conditional);
        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\""));
        using var third = await Preview.Http.SendAsync(stale);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData("/atom.xml", "application/xml")]
    [InlineData("/en/feed.json", "application/json")]
    [InlineData("/images/logo.svg", "image/svg+xml")]
    [InlineData("/site.webmanifest", "application/manifest+json")]
    [InlineData("/robots.txt", "text/plain")]
    [InlineData("/sitemap.xml", "application/xml")]
    public async Task Files_are_served_with_their_content_type(string path, string mediaType)
    {
        using var response = await Preview.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Stylesheets_are_served_as_css()
    {
        var home = await Preview.GetStringAsync("/");
        var href = new HtmlParser().ParseDocument(home).QuerySelector("link[rel=stylesheet]")?.GetAttribute("href");
        Assert.NotNull(href);

        using var response = await Preview.Http.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_get_and_head_are_allowed()
    {
        using var response = await Preview.Http.PostAsync("/", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
