using System.Runtime.CompilerServices;
using CloudPortal.Build;
using Spectre.Console;

namespace CloudPortal.Cli;

/// <summary>
/// A live progress display for a person at a terminal: the current step, and a bar while pages render.
/// It clears itself when the build ends, leaving the summary table. Not used when output is redirected,
/// NO_COLOR is set or --quiet is given (see <see cref="Report.IsInteractive"/>).
/// </summary>
internal static class BuildProgressDisplay
{
    /// <summary>Builds with the display on the real console.</summary>
    /// <remarks>
    /// Called only for a person at a terminal, and kept out of its caller (no inlining) so that a build whose
    /// output goes to a file or a pipe never loads Spectre.Console at all.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static BuildResult Run(BuildOptions options) =>
        Run(AnsiConsole.Console, progress => SiteBuilder.Build(options with { Progress = progress }));

    public static BuildResult Run(IAnsiConsole console, Func<IProgress<BuildProgress>, BuildResult> build)
    {
        BuildResult? result = null;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("Reading config", maxValue: 1);
                task.IsIndeterminate = true;
                var progress = new Updates(task);
                result = build(progress);
            });
        return result!;
    }

    /// <summary>Applies reports on the thread that sends them; Spectre's tasks are safe to update from any thread.</summary>
    private sealed class Updates(ProgressTask task) : IProgress<BuildProgress>
    {
        private readonly Lock _lock = new();

        public void Report(BuildProgress value)
        {
            lock (_lock)
            {
                task.Description = Markup.Escape(value.Step);
                task.IsIndeterminate = value.Total == 0;
                if (value.Total > 0)
                {
                    task.MaxValue = value.Total;
                    task.Value = value.Done;
                }
            }
        }
    }
}
