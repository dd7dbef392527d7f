using System.Net;
using AngleSharp.Html.Parser;
using CloudPortal.Server;

namespace CloudPortal.Tests.Server;

/// <summary>Edits to the site while the server runs: each test has its own server and site copy.</summary>
public sealed class LiveReloadTests
{
    private const string Article = "content/articles/hello.en.md";
    private const string ArticleUrl = "/en/articles/hello/";

    private static string ArticleText(string body, string date = "2018-03-01") => $"""
        ---
        title: Hello, cloud
        date: {date}
        summary: An English test article.
        tags: [cloud, going global]
        providers: [acme-cloud]
        people: [jane-doe]
        sources: [report]
        ---

        {body}

        """;

    [Fact]
    public async Task Editing_an_article_sends_reload_and_the_new_text_is_served()
    {
        await using var preview = await Preview.StartAsync();
        await using var events = await preview.OpenEventsAsync();
        Assert.Equal(preview.Server.Version, events.HelloVersion);
        Assert.DoesNotContain("Freshly edited", await preview.GetStringAsync(ArticleUrl));

        var builds = preview.Updates().Count;
        preview.Site.Write(Article, ArticleText("Freshly edited paragraph about [](provider:acme-cloud)."));
        var reload = await events.NextAsync(Preview.Patience);

        Assert.Equal("reload", reload?.Name);
        var html = await preview.GetStringAsync(ArticleUrl);
        Assert.Contains("Freshly edited paragraph", html);
        Assert.Contains($"data-version=\"{reload!.Value.Data}\"", html);
        var update = await preview.BuildAfterAsync(builds);
        Assert.True(update.Outcome.Success);
        Assert.Contains(Article, update.Outcome.Changes);
        Assert.True(update.SinceChange < TimeSpan.FromSeconds(5), $"edit to rebuilt took {update.SinceChange.TotalMilliseconds} ms");
        Assert.Contains("Freshly edited paragraph", await preview.GetStringAsync(ArticleUrl));
    }

    [Fact]
    public async Task An_edited_article_is_shown_before_its_build_finishes_and_the_build_then_writes_the_same_page()
    {
        await using var preview = await Preview.StartAsync();
        await using var events = await preview.OpenEventsAsync();
        var builds = preview.Updates().Count;

        // The same mentions as before, so no record's page changes; only this page, feeds and the search index do.
        preview.Site.Write(Article, ArticleText("[](provider:acme-cloud) serves [the bank](case:acme-bank#facts); see [the other piece](article:second). Shown ahead of the build."));
        Assert.Equal("reload", (await events.NextAsync(Preview.Patience))?.Name);

        // A save can reach the watcher as several events; each may render, but only a change is announced.
        var ahead = await preview.FirstRenderedAsync();
        Assert.Equal(Article, ahead.SourcePath);
        Assert.Equal("en/articles/hello/index.html", ahead.OutputPath);
        Assert.Contains("Shown ahead of the build.", await preview.GetStringAsync(ArticleUrl));
        var update = await preview.BuildAfterAsync(builds);
        Assert.True(update.Outcome.Success);
        var onDisk = File.ReadAllText(Path.Combine(preview.Server.OutputDirectory, ahead.OutputPath));
        Assert.Contains("Shown ahead of the build.", onDisk);
        // The page the browser was shown is the page the build wrote, so the build sends no second reload.
        Assert.True(update.EventSent != "reload", "changed: " + string.Join(", ", update.Outcome.Result.ChangedFiles));
    }

    [Fact]
    public async Task An_edit_with_an_error_is_not_shown_ahead_and_the_build_reports_it()
    {
        await using var preview = await Preview.StartAsync();
        await using var events = await preview.OpenEventsAsync();
        var builds = preview.Updates().Count;

        preview.Site.Write(Article, ArticleText("Links to [nothing](article:nowhere)."));
        Assert.Equal("reload", (await events.NextAsync(Preview.Patience))?.Name);

        var update = await preview.BuildAfterAsync(builds);
        Assert.False(update.Outcome.Success);
        Assert.Empty(preview.Rendered());
        Assert.DoesNotContain("<p>Links to", await preview.GetStringAsync(ArticleUrl));
    }

    [Fact]
    public async Task Broken_front_matter_puts_the_overlay_over_the_last_good_page_until_it_is_fixed()
    {
        await using var preview = await Preview.StartAsync();
        await using var events = await preview.OpenEventsAsync();
        var before = await preview.GetStringAsync(ArticleUrl);
        Assert.Contains("serves", before);

        preview.Site.Write(Article, ArticleText("A new <b>body</b> that is not built.", date: "never"));
        Assert.Equal("reload", (await events.NextAsync(Preview.Patience))?.Name);

        using (var broken = await preview.Http.GetAsync(ArticleUrl))
        {
            var page = new HtmlParser().ParseDocument(await broken.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, broken.StatusCode);

            // The last good build's page, with the panel over it.
            Assert.Contains("serves", page.Body!.TextContent);
            Assert.DoesNotContain("not built", page.Body.TextContent);
            var overlay = page.GetElementById(ErrorOverlay.ElementId);
            Assert.NotNull(overlay);
            Assert.Contains($"{Article}:3:7", overlay.QuerySelector(".cp-where")!.TextContent);
            Assert.Contains("`date` must be a date like 2018-06-01, not 'never'", overlay.QuerySelector(".cp-message")!.TextContent);
            Assert.Equal("3date: never", overlay.QuerySelector("mark")!.TextContent);
            Assert.Equal(5, overlay.QuerySelectorAll(".cp-line").Length);
        }

        // Every HTML response, the 404 page too.
        Assert.Contains(ErrorOverlay.ElementId, await preview.GetStringAsync("/no-such-page/"));

        preview.Site.Write(Article, ArticleText("Fixed and rebuilt."));
        Assert.Equal("reload", (await events.NextAsync(Preview.Patience))?.Name);

        var after = await preview.GetStringAsync(ArticleUrl);
        Assert.DoesNotContain(ErrorOverlay.ElementId, after);
        Assert.Contains("Fixed and rebuilt.", after);
    }

    [Fact]
    public async Task A_change_to_css_only_sends_css_and_pages_name_the_new_stylesheet()
    {
        await using var preview = await Preview.StartAsync();
        await using var events = await preview.OpenEventsAsync();
        var oldHref = Stylesheet(await preview.GetStringAsync("/"));

        var css = Path.Combine(preview.Site.Root, "themes", "default", "static", "css", "site.css");
        File.AppendAllText(css, "\n.cloudportal-test-rule { color: #123456; }\n");
        var swap = await events.NextAsync(Preview.Patience);

        Assert.Equal("css", swap?.Name);
        var newHref = Stylesheet(await preview.GetStringAsync("/"));
        Assert.NotEqual(oldHref, newHref);
        Assert.Contains("#123456", await preview.GetStringAsync(newHref + "?cloudportal=1"));
    }

    [Fact]
    public async Task A_save_that_changes_no_output_sends_nothing()
    {
        await using var preview = await Preview.StartAsync();
        await using var events = await preview.OpenEventsAsync();
        var version = preview.Server.Version;

        var second = Path.Combine(preview.Site.Root, "content", "articles", "second.en.md");
        File.WriteAllText(second, File.ReadAllText(second));
        await WaitForBuildsAsync(preview, 2);

        Assert.Null(preview.Updates()[^1].EventSent);
        Assert.Equal(version, preview.Server.Version);
    }

    [Fact]
    public async Task Stopping_ends_event_streams_and_deletes_the_temp_output_folder_and_its_build_state()
    {
        var preview = await Preview.StartAsync(outputInsideSite: false);
        var output = preview.Server.OutputDirectory;
        var state = Path.Combine(preview.Site.Root, ".cloudportal");
        try
        {
            await using var events = await preview.OpenEventsAsync();
            Assert.StartsWith(Path.GetFullPath(Path.GetTempPath()), output);
            Assert.True(File.Exists(Path.Combine(output, "index.html")));
            Assert.False(Directory.Exists(Path.Combine(preview.Site.Root, "public")));
            Assert.NotEmpty(Directory.EnumerateFileSystemEntries(state));

            await preview.Server.DisposeAsync().AsTask().WaitAsync(Preview.Patience);

            Assert.Null(await events.NextAsync(Preview.Patience));
            Assert.False(Directory.Exists(output));
            // The manifest, fingerprint and build cache of that folder went with it.
            Assert.Empty(Directory.EnumerateFileSystemEntries(state));
        }
        finally
        {
            // Disposing twice is harmless; not disposing after a failed assertion would leave a server running.
            await preview.DisposeAsync();
        }
    }

    private static string Stylesheet(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("link[rel=stylesheet]")?.GetAttribute("href")
        ?? throw new Xunit.Sdk.XunitException("no stylesheet link");

    private static async Task WaitForBuildsAsync(Preview preview, int count)
    {
        using var deadline = new CancellationTokenSource(Preview.Patience);
        while (preview.Updates().Count < count)
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
