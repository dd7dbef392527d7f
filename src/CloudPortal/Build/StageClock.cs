using System.Diagnostics;

namespace CloudPortal.Build;

/// <summary>How long one stage of a build took.</summary>
/// <remarks>
/// A class, not a value tuple: lists of a reference type share code that ReadyToRun has already compiled,
/// while a list of (string, TimeSpan) was compiled at start-up, eight methods in every build, even one with
/// nothing to do.
/// </remarks>
public sealed record StageTime(string Stage, TimeSpan Time);

/// <summary>Times the stages of a build, each from the end of the one before.</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly List<StageTime> _times = [];
    private TimeSpan _last;

    public IReadOnlyList<StageTime> Times => _times;

    public void Mark(string stage)
    {
        var now = _watch.Elapsed;
        _times.Add(new StageTime(stage, now - _last));
        _last = now;
    }
}
