using CloudPortal.Server;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Server;

public sealed class SiteWatcherTests
{
    [Fact]
    public async Task Changes_to_content_themes_and_the_config_are_reported_and_other_folders_are_not()
    {
        using var site = TestSite.Create(("cloudportal.yaml", "a"), ("content/articles/a.en.md", "a"), ("themes/t/layouts/x.html", "a"), (".cloudportal/x", "a"), ("public/index.html", "a"));
        var seen = new List<string?>();
        var got = new SemaphoreSlim(0);
        using var watcher = new SiteWatcher(site.Root, path =>
        {
            lock (seen)
            {
                seen.Add(path);
            }

            got.Release();
        });

        site.Write(".cloudportal/y", "b");
        site.Write("public/index.html", "b");
        site.Write("content/articles/.a.en.md.swp", "b");
        site.Write("content/articles/a.en.md", "b");
        site.Write("themes/t/layouts/x.html", "b");
        site.Write("cloudportal.yaml", "b");

        using var deadline = new CancellationTokenSource(Preview.Patience);
        while (true)
        {
            await got.WaitAsync(deadline.Token);
            lock (seen)
            {
                if (seen.Contains("content/articles/a.en.md") && seen.Contains("themes/t/layouts/x.html") && seen.Contains("cloudportal.yaml"))
                {
                    break;
                }
            }
        }

        lock (seen)
        {
            Assert.All(seen, path => Assert.True(path is "content/articles/a.en.md" or "themes/t/layouts/x.html" or "cloudportal.yaml", $"unexpected {path}"));
        }
    }

    [Theory]
    [InlineData(".hello.en.md.swp", true)]
    [InlineData("hello.en.md~", true)]
    [InlineData("#hello.en.md#", true)]
    [InlineData("4913", true)]
    [InlineData("hello.en.md", false)]
    [InlineData("site.css", false)]
    public void Editor_scratch_files_are_ignored(string name, bool ignored) => Assert.Equal(ignored, SiteWatcher.IsEditorScratch(name));
}
