using CloudPortal.Diagnostics;

namespace CloudPortal.Build;

public sealed record BuildResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, int> PagesByKind,
    int FilesWritten,
    int FilesUnchanged,
    int FilesRemoved,
    TimeSpan Elapsed)
{
    /// <summary>Wall time of each stage, in the order they ran, for --verbose and profiling.</summary>
    public IReadOnlyList<StageTime> StageTimes { get; init; } = [];

    /// <summary>The output files this build wrote or removed, relative to the output folder, '/'-separated.</summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    /// <summary>Pages whose output an incremental build kept from the last build instead of rendering them.</summary>
    public int PagesKept => KeptPages.Count;

    /// <summary>The output paths of those pages, in ordinal order.</summary>
    public IReadOnlyList<string> KeptPages { get; init; } = [];

    /// <summary>True when the build wrote edited bodies into the last output without the site graph (<c>Incremental.QuickEdit</c>).</summary>
    public bool QuickEdit { get; init; }

    /// <summary>After a successful build with <see cref="BuildOptions.KeepForPreview"/>: renders edited pages against this build.</summary>
    public PreviewRenderer? Preview { get; init; }

    public bool Success => !Diagnostics.Any(d => d.IsError);

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);

    public int PageCount
    {
        get
        {
            // A loop rather than Sum over the values, whose generic code ReadyToRun leaves to the JIT.
            var total = 0;
            foreach (var count in PagesByKind.Values)
            {
                total += count;
            }

            return total;
        }
    }
}
