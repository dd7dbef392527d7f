using CloudPortal.Build;
using CloudPortal.Cli;
using CloudPortal.Diagnostics;
using CloudPortal.Tests.Support;
using Spectre.Console;

namespace CloudPortal.Tests.Cli;

public sealed class ReportTests
{
    private static readonly string N = Environment.NewLine;

    private static readonly BuildOptions Options = new("/site");

    private static readonly Diagnostic Warning = new(DiagnosticSeverity.Warning, new SourceLocation("content/articles/a.en.md", 2, 3), "no 中文 (zh) translation");

    private static readonly Diagnostic Error = new(DiagnosticSeverity.Error, new SourceLocation("content/data/cases/b.yaml", 7, 1), "unknown provider 'x'");

    private static BuildResult Result(params Diagnostic[] diagnostics) =>
        new(diagnostics, new Dictionary<string, int> { ["article"] = 3, ["page"] = 1 }, 10, 2, 1, TimeSpan.FromMilliseconds(1234))
        {
            StageTimes = [new StageTime("load content and data", TimeSpan.FromMilliseconds(12.4)), new StageTime("markdown", TimeSpan.FromMilliseconds(300))],
        };

    private static (string Out, string Err) Print(BuildResult result, bool check, bool verbose = false, bool quiet = false)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Report.Print(result, Options, check, stdout, stderr, verbose, quiet);
        return (stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_redirected_build_prints_the_plain_summary_exactly_as_before()
    {
        var (output, errors) = Print(Result(Warning), check: false);

        Assert.Equal(
            $"Built 4 pages (article 3, page 1) in 1.23 s.{N}"
            + $"Files: 10 written, 2 unchanged, 1 removed; 1 warning(s). Output: {Options.ResolvedOutput}{N}",
            output);
        Assert.Equal($"content/articles/a.en.md:2:3: warning: no 中文 (zh) translation{N}", errors);
    }

    [Fact]
    public void A_redirected_check_prints_one_plain_line()
    {
        var (output, _) = Print(Result(Warning), check: true);

        Assert.Equal($"Checked 4 pages (article 3, page 1): no errors, 1 warning(s), 1.23 s.{N}", output);
    }

    [Theory]
    [InlineData(false, " Nothing was written; {0} is unchanged.")]
    [InlineData(true, "")]
    public void A_failed_run_prints_every_diagnostic_and_the_failure_line_on_stderr(bool check, string tail)
    {
        var (output, errors) = Print(Result(Warning, Error), check);

        Assert.Equal("", output);
        Assert.Equal(
            $"content/articles/a.en.md:2:3: warning: no 中文 (zh) translation{N}"
            + $"content/data/cases/b.yaml:7:1: error: unknown provider 'x'{N}"
            + "Build failed: 1 error(s), 1 warning(s) in 1.23 s." + string.Format(tail, Options.ResolvedOutput) + N,
            errors);
    }

    [Fact]
    public void Verbose_prints_stage_times_on_stderr_before_the_diagnostics()
    {
        var (_, errors) = Print(Result(Warning), check: false, verbose: true);

        var lines = errors.Split(N);
        Assert.Equal("  load content and data                  12 ms", lines[0]);
        Assert.Equal("  markdown                              300 ms", lines[1]);
        // What the collector did in this process: figures vary, the shape does not.
        Assert.Matches(@"^  memory: \d+ MiB allocated; collections gen0 \d+, gen1 \d+, gen2 \d+; paused \d+ ms$", lines[2]);
        Assert.Equal("content/articles/a.en.md:2:3: warning: no 中文 (zh) translation", lines[3]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void Quiet_prints_errors_and_one_line_but_no_warnings_or_stage_times()
    {
        var built = Print(Result(Warning), check: false, verbose: true, quiet: true);
        Assert.Equal($"Built 4 pages (article 3, page 1) in 1.23 s; 10 written, 2 unchanged, 1 removed; 1 warning(s).{N}", built.Out);
        Assert.Equal("", built.Err);

        var failed = Print(Result(Warning, Error), check: true, quiet: true);
        Assert.Equal("", failed.Out);
        Assert.Equal($"content/data/cases/b.yaml:7:1: error: unknown provider 'x'{N}Build failed: 1 error(s), 1 warning(s) in 1.23 s.{N}", failed.Err);
    }

    [Fact]
    public void A_string_writer_is_never_a_terminal()
    {
        Assert.False(Report.IsInteractive(new StringWriter()));
    }

    [Fact]
    public void The_terminal_summary_is_a_table_and_diagnostics_stay_plain_on_stderr()
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 100;
        var stderr = new StringWriter();

        Report.PrintRich(Result(Warning), Options, check: false, console, stderr, verbose: true);

        Assert.Equal($"content/articles/a.en.md:2:3: warning: no 中文 (zh) translation{N}", stderr.ToString());
        var table = screen.ToString();
        foreach (var expected in new[] { "Stages", "markdown", "300", "Built", "Pages", "article", "Files written", "10", "Files unchanged", "Files removed", "Warnings", "Errors", "1.23 s", "Output: " + Options.ResolvedOutput })
        {
            Assert.Contains(expected, table);
        }

        Assert.Matches(@"│ Pages\s+│\s+4 │", table);
    }

    [Fact]
    public void A_failed_terminal_summary_has_no_file_counts_and_keeps_the_failure_line_on_stderr()
    {
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(screen) });
        var stderr = new StringWriter();

        Report.PrintRich(Result(Error), Options, check: false, console, stderr, verbose: false);

        Assert.Contains("Build failed", screen.ToString());
        Assert.DoesNotContain("Files written", screen.ToString());
        Assert.EndsWith($"Build failed: 1 error(s), 0 warning(s) in 1.23 s. Nothing was written; {Options.ResolvedOutput} is unchanged.{N}", stderr.ToString());
    }

    [Fact]
    public void Quiet_works_through_the_command_line_for_build_and_check()
    {
        using var site = TestSite.FromFixture("basic");
        foreach (var args in new[] { new[] { "build", "--quiet", "--source", site.Root }, ["check", "-q", "--source", site.Root], ["--quiet", "check", "--source", site.Root] })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            var code = CommandLine.Run(args, stdout, stderr);

            Assert.Equal(0, code);
            Assert.Single(stdout.ToString().Split(N, StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("", stderr.ToString());
        }
    }
}
