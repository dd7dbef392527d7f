using System.Diagnostics;

namespace CloudPortal.Build;

/// <summary>Times the stages of a build, each from the end of the one before.</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<(string Stage, TimeSpan Time)> _times = [];
    private TimeSpan _last;

    public IReadOnlyList<(string Stage, TimeSpan Time)> Times => _times;

    public void Mark(string stage)
    {
        var now = _watch.Elapsed;
        _times.Add((stage, now - _last));
        _last = now;
    }
}
