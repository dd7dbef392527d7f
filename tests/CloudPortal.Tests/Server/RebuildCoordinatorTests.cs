using CloudPortal.Build;
using CloudPortal.Server;

namespace CloudPortal.Tests.Server;

public sealed class RebuildCoordinatorTests
{
    private static readonly TimeSpan Patience = Preview.Patience;

    private static BuildResult Ok() => new([], new Dictionary<string, int>(), 1, 0, 0, TimeSpan.Zero);

    /// <summary>A coordinator over a fake build that counts, and the outcomes it reported.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly List<BuildOutcome> _outcomes = [];
        private readonly SemaphoreSlim _built = new(0);

        public Harness(TimeSpan debounce, Func<int, BuildResult>? build = null)
        {
            var calls = 0;
            Coordinator = new RebuildCoordinator(() => (build ?? (_ => Ok()))(Interlocked.Increment(ref calls)), debounce);
            Coordinator.Completed += outcome =>
            {
                lock (_outcomes)
                {
                    _outcomes.Add(outcome);
                }

                _built.Release();
            };
        }

        public RebuildCoordinator Coordinator { get; }

        public IReadOnlyList<BuildOutcome> Outcomes
        {
            get
            {
                lock (_outcomes)
                {
                    return [.. _outcomes];
                }
            }
        }

        public async Task<BuildOutcome> NextAsync()
        {
            Assert.True(await _built.WaitAsync(Patience), "no build within the time allowed");
            return Outcomes[^1];
        }

        public async Task StartAsync()
        {
            Coordinator.Start();
            await NextAsync();
        }

        public ValueTask DisposeAsync() => Coordinator.DisposeAsync();
    }

    [Fact]
    public async Task The_first_build_runs_at_start_with_no_changes()
    {
        await using var harness = new Harness(TimeSpan.FromMilliseconds(50));
        harness.Coordinator.Start();

        var first = await harness.Coordinator.FirstBuild.WaitAsync(Patience);

        Assert.Equal(1, first.Number);
        Assert.Empty(first.Changes);
        Assert.True(first.Success);
    }

    [Fact]
    public async Task A_burst_of_saves_is_built_once_with_every_path()
    {
        await using var harness = new Harness(TimeSpan.FromMilliseconds(300));
        await harness.StartAsync();

        for (var i = 0; i < 20; i++)
        {
            harness.Coordinator.Notify($"content/articles/a{i % 5}.en.md");
        }

        var outcome = await harness.NextAsync();
        await Task.Delay(600);

        Assert.Equal(2, harness.Outcomes.Count);
        Assert.Equal(5, outcome.Changes.Count);
        Assert.False(outcome.CssOnly);
    }

    [Fact]
    public async Task A_save_during_a_build_is_built_right_after_it()
    {
        using var inBuild = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        await using var harness = new Harness(TimeSpan.FromMilliseconds(20), call =>
        {
            if (call == 2)
            {
                inBuild.Set();
                release.Wait(Patience);
            }

            return Ok();
        });
        await harness.StartAsync();

        harness.Coordinator.Notify("content/a.md");
        Assert.True(inBuild.Wait(Patience));
        harness.Coordinator.Notify("content/b.md");
        release.Set();

        Assert.Equal(["content/a.md"], (await harness.NextAsync()).Changes);
        Assert.Equal(["content/b.md"], (await harness.NextAsync()).Changes);
    }

    [Theory]
    [InlineData(true, "themes/default/static/css/site.css")]
    [InlineData(true, "themes/default/static/css/site.css", "themes/default/static/css/print.CSS")]
    [InlineData(false, "themes/default/static/css/site.css", "content/articles/a.en.md")]
    [InlineData(false, "themes/default/layouts/article.html")]
    public async Task Only_a_batch_of_css_files_is_css_only(bool cssOnly, params string[] paths)
    {
        await using var harness = new Harness(TimeSpan.FromMilliseconds(20));
        await harness.StartAsync();

        foreach (var path in paths)
        {
            harness.Coordinator.Notify(path);
        }

        Assert.Equal(cssOnly, (await harness.NextAsync()).CssOnly);
    }

    [Fact]
    public async Task After_lost_watcher_events_the_build_is_not_css_only()
    {
        await using var harness = new Harness(TimeSpan.FromMilliseconds(20));
        await harness.StartAsync();

        harness.Coordinator.Notify("themes/default/static/css/site.css");
        harness.Coordinator.Notify(null);

        Assert.False((await harness.NextAsync()).CssOnly);
    }

    [Fact]
    public async Task A_build_that_throws_is_reported_as_an_error_and_the_next_save_builds_again()
    {
        await using var harness = new Harness(TimeSpan.FromMilliseconds(20),
            call => call == 2 ? throw new InvalidOperationException("engine bug") : Ok());
        await harness.StartAsync();

        harness.Coordinator.Notify("content/a.md");
        var failed = await harness.NextAsync();
        harness.Coordinator.Notify("content/a.md");
        var next = await harness.NextAsync();

        Assert.False(failed.Success);
        Assert.Contains("engine bug", Assert.Single(failed.Errors).Message);
        Assert.True(next.Success);
    }
}
