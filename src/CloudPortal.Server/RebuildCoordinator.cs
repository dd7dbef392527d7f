using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading.Channels;
using CloudPortal.Build;
using CloudPortal.Diagnostics;

namespace CloudPortal.Server;

/// <summary>
/// Turns a stream of file changes into builds, one at a time. An editor's save is often several events
/// (write temp file, rename, touch), and "save all" is many files: changes are collected until none has
/// come for <c>debounce</c>, then built together. A change during a build is kept and built right after,
/// so the last build always saw the last save. Builds run on one background task; <see cref="Completed"/>
/// is raised on it.
/// </summary>
public sealed class RebuildCoordinator : IAsyncDisposable
{
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(75);

    private readonly Func<BuildResult> _build;
    private readonly TimeSpan _debounce;

    /// <summary>The longest a build waits for a quiet moment: a tool that writes without pause still gets previews.</summary>
    private readonly TimeSpan _maxWait;

    private readonly Lock _gate = new();
    private readonly SortedSet<string> _pending = new(StringComparer.Ordinal);
    private bool _pendingUnknown;
    private long _firstChange;
    private long _lastChange;
    private long _notified;

    /// <summary>A wake-up signal, not a queue: the changes themselves are in <see cref="_pending"/>.</summary>
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<BuildOutcome> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _number;

    public RebuildCoordinator(Func<BuildResult> build, TimeSpan? debounce = null)
    {
        _build = build;
        _debounce = debounce ?? DefaultDebounce;
        _maxWait = _debounce * 10;
    }

    /// <summary>Raised on the build task after every build, the first included.</summary>
    public event Action<BuildOutcome>? Completed;

    /// <summary>Completes when the first build has finished and <see cref="Completed"/> has run for it.</summary>
    public Task<BuildOutcome> FirstBuild => _first.Task;

    /// <summary>Runs the first build, then waits for changes.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync);

    /// <summary>Records a change; <paramref name="relativePath"/> is null when what changed is unknown (the watcher lost events).</summary>
    /// <returns>The change's number: a build whose <see cref="BuildOutcome.Through"/> is at least this one has seen it.</returns>
    public long Notify(string? relativePath)
    {
        var now = Stopwatch.GetTimestamp();
        long number;
        lock (_gate)
        {
            number = ++_notified;
            if (_pending.Count == 0 && !_pendingUnknown)
            {
                _firstChange = now;
            }

            _lastChange = now;
            if (relativePath is null)
            {
                _pendingUnknown = true;
            }
            else
            {
                _pending.Add(relativePath);
            }
        }

        _wake.Writer.TryWrite(true);
        return number;
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            _first.TrySetResult(Build([], cssOnly: false, Stopwatch.GetTimestamp(), Interlocked.Read(ref _notified)));
            while (await _wake.Reader.WaitToReadAsync(stop))
            {
                _wake.Reader.TryRead(out _);
                await SettleAsync(stop);
                ImmutableArray<string> changes;
                bool unknown;
                long first;
                long through;
                lock (_gate)
                {
                    through = _notified;
                    changes = [.. _pending];
                    unknown = _pendingUnknown;
                    first = _firstChange;
                    _pending.Clear();
                    _pendingUnknown = false;
                }

                // Changes that arrived while the last batch was being taken were built with it.
                if (changes.Length == 0 && !unknown)
                {
                    continue;
                }

                var cssOnly = !unknown && changes.All(c => c.EndsWith(".css", StringComparison.OrdinalIgnoreCase));
                Build(changes, cssOnly, first, through);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception e)
        {
            _first.TrySetException(e);
            throw;
        }
    }

    /// <summary>Waits until no change has come for the debounce interval (or the batch has waited the maximum).</summary>
    private async Task SettleAsync(CancellationToken stop)
    {
        while (true)
        {
            long first, last;
            lock (_gate)
            {
                (first, last) = (_firstChange, _lastChange);
            }

            var now = Stopwatch.GetTimestamp();
            var quiet = Stopwatch.GetElapsedTime(last, now);
            var waited = Stopwatch.GetElapsedTime(first, now);
            if (quiet >= _debounce || waited >= _maxWait)
            {
                return;
            }

            var delay = TimeSpan.FromTicks(Math.Min((_debounce - quiet).Ticks, (_maxWait - waited).Ticks));
            await Task.Delay(delay, stop);
        }
    }

    private BuildOutcome Build(IReadOnlyList<string> changes, bool cssOnly, long firstChange, long through)
    {
        BuildResult result;
        var clock = Stopwatch.StartNew();
        try
        {
            result = _build();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An engine bug must not end the session: report it like a content error and keep serving.
            var diagnostic = new Diagnostic(DiagnosticSeverity.Error, SourceLocation.FileOnly("(build)"),
                $"the build stopped with an internal error: {e.GetType().Name}: {e.Message}");
            result = new BuildResult([diagnostic], new Dictionary<string, int>(), 0, 0, 0, clock.Elapsed);
        }

        var outcome = new BuildOutcome(++_number, result, changes, cssOnly, firstChange) { Through = through };
        Completed?.Invoke(outcome);
        return outcome;
    }

    /// <summary>Stops waiting for changes; a build in progress is finished first, since it is writing the output folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Cancelled while waiting: the expected way out.
            }
        }

        _first.TrySetCanceled();
        _stop.Dispose();
    }
}
