using CloudPortal.Build;
using CloudPortal.Diagnostics;

namespace CloudPortal.Server;

/// <summary>One build of a preview session and what set it off.</summary>
/// <param name="Number">1 for the first build, then one more per rebuild.</param>
/// <param name="Changes">Site-relative paths (forward slashes) of the changes this build picked up; empty for the first build.</param>
/// <param name="CssOnly">Every change was a <c>.css</c> file, so browsers can swap stylesheets instead of reloading.</param>
/// <param name="FirstChange">Stopwatch timestamp of the earliest change in the batch (for the first build, its start): where edit-to-reload is measured from.</param>
public sealed record BuildOutcome(int Number, BuildResult Result, IReadOnlyList<string> Changes, bool CssOnly, long FirstChange)
{
    public bool Success => Result.Success;

    /// <summary>The number of the last change (<see cref="RebuildCoordinator.Notify"/>) this build saw.</summary>
    public long Through { get; init; }

    public IReadOnlyList<Diagnostic> Errors => Result.Diagnostics.Where(d => d.IsError).ToList();
}
