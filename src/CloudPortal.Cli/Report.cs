using System.Globalization;
using System.Runtime.CompilerServices;
using CloudPortal.Build;
using CloudPortal.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpectreText = Spectre.Console.Text;

namespace CloudPortal.Cli;

/// <summary>
/// Prints diagnostics (to standard error) and the closing summary (to standard output). Diagnostics are
/// always plain <c>path:line:col: error: message</c> lines, because editors and CI parse them; only the
/// summary changes with the style: a table on a terminal, plain lines when redirected or NO_COLOR is set
/// (scripts and tests read those), one line with --quiet.
/// </summary>
internal static class Report
{
    public static void Print(BuildResult result, BuildOptions options, bool check, TextWriter stdout, TextWriter stderr, bool verbose = false, bool quiet = false)
    {
        if (quiet)
        {
            PrintQuiet(result, options, check, stdout, stderr);
        }
        else if (IsInteractive(stdout))
        {
            PrintRich(result, options, check, stdout, stderr, verbose);
        }
        else
        {
            PrintPlain(result, options, check, stdout, stderr, verbose);
        }
    }

    /// <summary>
    /// A table only for a person at a terminal: the writer must be the real console (a test's StringWriter
    /// never is), not redirected, and the user has not asked for plain output with NO_COLOR (no-color.org)
    /// or a dumb terminal.
    /// </summary>
    internal static bool IsInteractive(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out)
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>The format scripts and tests rely on; keep it byte for byte.</summary>
    internal static void PrintPlain(BuildResult result, BuildOptions options, bool check, TextWriter stdout, TextWriter stderr, bool verbose)
    {
        if (verbose)
        {
            foreach (var (stage, time) in result.StageTimes)
            {
                stderr.WriteLine($"  {stage,-32} {time.TotalMilliseconds,8:0} ms");
            }

            if (result.PagesKept > 0)
            {
                stderr.WriteLine($"  {result.PagesKept} of {result.PageCount} pages kept from the last build without rendering");
            }

            stderr.WriteLine("  " + MemoryLine());
        }

        PrintDiagnostics(result.Diagnostics, stderr);
        if (!result.Success)
        {
            stderr.WriteLine(FailureLine(result, options, check));
            return;
        }

        if (check)
        {
            stdout.WriteLine($"Checked {result.PageCount} pages ({Kinds(result)}): no errors, {result.WarningCount} warning(s), {Seconds(result)} s.");
            return;
        }

        stdout.WriteLine($"Built {result.PageCount} pages ({Kinds(result)}) in {Seconds(result)} s.");
        stdout.WriteLine($"Files: {result.FilesWritten} written, {result.FilesUnchanged} unchanged, {result.FilesRemoved} removed; {result.WarningCount} warning(s). Output: {options.ResolvedOutput}");
    }

    /// <summary>Errors and one line: for scripts and CI logs that want the outcome, not the warnings.</summary>
    internal static void PrintQuiet(BuildResult result, BuildOptions options, bool check, TextWriter stdout, TextWriter stderr)
    {
        PrintDiagnostics(result.Diagnostics.Where(d => d.IsError), stderr);
        if (!result.Success)
        {
            stderr.WriteLine(FailureLine(result, options, check));
        }
        else if (check)
        {
            stdout.WriteLine($"Checked {result.PageCount} pages ({Kinds(result)}): no errors, {result.WarningCount} warning(s), {Seconds(result)} s.");
        }
        else
        {
            stdout.WriteLine($"Built {result.PageCount} pages ({Kinds(result)}) in {Seconds(result)} s; "
                + $"{result.FilesWritten} written, {result.FilesUnchanged} unchanged, {result.FilesRemoved} removed; {result.WarningCount} warning(s).");
        }
    }

    /// <summary>The terminal summary on the real console.</summary>
    /// <remarks>
    /// Not inlined, like the other methods that name Spectre.Console's types, so that plain and quiet output,
    /// which a build to a file or pipe prints, never loads that library.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrintRich(BuildResult result, BuildOptions options, bool check, TextWriter stdout, TextWriter stderr, bool verbose) =>
        PrintRich(result, options, check, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }), stderr, verbose);

    /// <summary>The terminal summary. The console is a parameter so tests can render it into a string.</summary>
    internal static void PrintRich(BuildResult result, BuildOptions options, bool check, IAnsiConsole console, TextWriter stderr, bool verbose)
    {
        PrintDiagnostics(result.Diagnostics, stderr);
        if (!result.Success)
        {
            // Also on stderr, as in plain mode: the reason the run failed belongs with the errors.
            stderr.WriteLine(FailureLine(result, options, check));
        }

        if (verbose && result.StageTimes.Count > 0)
        {
            var stages = new Table().Border(TableBorder.Rounded).Title("Stages")
                .AddColumn("stage").AddColumn(new TableColumn("ms").RightAligned());
            foreach (var (stage, time) in result.StageTimes)
            {
                stages.AddRow(new SpectreText(stage), new SpectreText(time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)));
            }

            console.Write(stages);
            console.WriteLine(MemoryLine());
        }

        console.Write(SummaryTable(result, options, check));
    }

    /// <summary>What the garbage collector did in this process: the first thing to look at when a build slows down.</summary>
    internal static string MemoryLine() => string.Create(CultureInfo.InvariantCulture,
        $"memory: {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MiB allocated; collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; paused {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms");

    internal static Table SummaryTable(BuildResult result, BuildOptions options, bool check)
    {
        var (title, colour) = (result.Success, check) switch
        {
            (true, true) => ("Checked", Color.Green),
            (true, false) => ("Built", Color.Green),
            (false, true) => ("Check failed", Color.Red),
            (false, false) => ("Build failed", Color.Red),
        };
        var table = new Table().Border(TableBorder.Rounded).HideHeaders()
            .AddColumn("what").AddColumn(new TableColumn("count").RightAligned());
        table.Title = new TableTitle(title, new Style(colour, decoration: Decoration.Bold));

        Row(table, "Pages", result.PageCount.ToString(CultureInfo.InvariantCulture));
        foreach (var (kind, count) in result.PagesByKind)
        {
            Row(table, "  " + kind, count.ToString(CultureInfo.InvariantCulture), new Style(decoration: Decoration.Dim));
        }

        // A failed build writes nothing, so file counts would only be zeros that look like a result.
        if (!check && result.Success)
        {
            Row(table, "Files written", result.FilesWritten.ToString(CultureInfo.InvariantCulture));
            Row(table, "Files unchanged", result.FilesUnchanged.ToString(CultureInfo.InvariantCulture));
            Row(table, "Files removed", result.FilesRemoved.ToString(CultureInfo.InvariantCulture));
            if (result.PagesKept > 0)
            {
                Row(table, "Pages kept, not rendered", result.PagesKept.ToString(CultureInfo.InvariantCulture), new Style(decoration: Decoration.Dim));
            }
        }

        Row(table, "Warnings", result.WarningCount.ToString(CultureInfo.InvariantCulture), result.WarningCount > 0 ? new Style(Color.Yellow) : Style.Plain);
        Row(table, "Errors", result.ErrorCount.ToString(CultureInfo.InvariantCulture), result.ErrorCount > 0 ? new Style(Color.Red) : Style.Plain);
        Row(table, "Time", Seconds(result) + " s");
        if (!check && result.Success)
        {
            table.Caption = new TableTitle("Output: " + options.ResolvedOutput, new Style(decoration: Decoration.Dim));
        }

        return table;
    }

    private static void Row(Table table, string label, string value, Style? style = null) =>
        table.AddRow(new IRenderable[] { new SpectreText(label, style), new SpectreText(value, style) });

    private static void PrintDiagnostics(IEnumerable<Diagnostic> diagnostics, TextWriter stderr)
    {
        foreach (var diagnostic in diagnostics)
        {
            stderr.WriteLine(DiagnosticFormatter.Format(diagnostic));
        }
    }

    private static string FailureLine(BuildResult result, BuildOptions options, bool check) =>
        $"Build failed: {result.ErrorCount} error(s), {result.WarningCount} warning(s) in {Seconds(result)} s."
        + (check ? "" : $" Nothing was written; {options.ResolvedOutput} is unchanged.");

    private static string Seconds(BuildResult result) => result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    // A loop, not LINQ over the dictionary's pairs: a build with nothing to do prints this line and little
    // else, and the generic LINQ code for it was compiled at start-up.
    private static string Kinds(BuildResult result)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (kind, count) in result.PagesByKind)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(kind).Append(' ').Append(count);
        }

        return text.ToString();
    }
}
