using System.Collections.Concurrent;
using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

public sealed class BuildProgressTests
{
    private sealed class Recorder : IProgress<BuildProgress>
    {
        public ConcurrentQueue<BuildProgress> Reports { get; } = new();

        public void Report(BuildProgress value) => Reports.Enqueue(value);
    }

    [Fact]
    public void Given_a_progress_listener_When_a_site_builds_Then_it_hears_each_step_in_order_and_every_page_counted()
    {
        using var site = TestSite.FromFixture("basic");
        var recorder = new Recorder();

        var result = SiteBuilder.Build(new BuildOptions(site.Root) { Progress = recorder });

        var reports = recorder.Reports.ToList();
        var steps = reports.Select(r => r.Step).Distinct().ToList();
        Assert.Equal(["Loading content and data", "Rendering Markdown", "Rendering pages", "Writing output"], steps);
        var pages = reports.Where(r => r.Step == "Rendering pages").ToList();
        Assert.All(pages, r => Assert.Equal(result.PageCount, r.Total));
        Assert.Equal(result.PageCount, pages.Max(r => r.Done));
    }
}
