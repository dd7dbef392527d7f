using System.Globalization;
using CloudPortal.Build;
using CloudPortal.Diagnostics;

namespace CloudPortal.Cli;

/// <summary>Prints diagnostics (to standard error) and the closing summary (to standard output).</summary>
internal static class Report
{
    public static void Print(BuildResult result, BuildOptions options, bool check, TextWriter stdout, TextWriter stderr, bool verbose = false)
    {
        if (verbose)
        {
            foreach (var (stage, time) in result.StageTimes)
            {
                stderr.WriteLine($"  {stage,-32} {time.TotalMilliseconds,8:0} ms");
            }
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            stderr.WriteLine(DiagnosticFormatter.Format(diagnostic));
        }

        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var kinds = string.Join(", ", result.PagesByKind.Select(k => $"{k.Key} {k.Value}"));
        if (!result.Success)
        {
            stderr.WriteLine($"Build failed: {result.ErrorCount} error(s), {result.WarningCount} warning(s) in {seconds} s."
                + (check ? "" : $" Nothing was written; {options.ResolvedOutput} is unchanged."));
            return;
        }

        if (check)
        {
            stdout.WriteLine($"Checked {result.PageCount} pages ({kinds}): no errors, {result.WarningCount} warning(s), {seconds} s.");
            return;
        }

        stdout.WriteLine($"Built {result.PageCount} pages ({kinds}) in {seconds} s.");
        stdout.WriteLine($"Files: {result.FilesWritten} written, {result.FilesUnchanged} unchanged, {result.FilesRemoved} removed; {result.WarningCount} warning(s). Output: {options.ResolvedOutput}");
    }
}
