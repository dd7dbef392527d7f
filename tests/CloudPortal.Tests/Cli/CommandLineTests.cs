using CloudPortal.Cli;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Cli;

public sealed class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Build_of_a_good_site_exits_0_with_a_summary_by_kind_and_time()
    {
        using var site = TestSite.FromFixture("basic");

        var (code, output, _) = Run("build", "--source", site.Root);

        Assert.Equal(0, code);
        Assert.Matches(@"^Built \d+ pages \(.*article 3.*\) in \d+\.\d\d s\.", output);
        Assert.True(site.OutputExists("index.html"));
    }

    [Fact]
    public void Build_with_content_errors_exits_1_and_prints_every_error_without_a_stack_trace()
    {
        using var site = TestSite.FromFixture("basic");
        site.Write("content/articles/broken.en.md", "---\ntitle: Broken\ndate: never\n---\n[x](provider:acme-clod)\n");

        var (code, _, errors) = Run("build", "--source", site.Root, "--output", Path.Combine(site.Root, "out"));

        Assert.Equal(1, code);
        Assert.Contains("content/articles/broken.en.md:3:7: error: `date` must be a date like 2018-06-01, not 'never'", errors);
        Assert.Contains("content/articles/broken.en.md:5:1: error: unknown provider 'acme-clod' (did you mean 'acme-cloud'?)", errors);
        Assert.DoesNotContain("   at ", errors);
        Assert.False(Directory.Exists(Path.Combine(site.Root, "out")));
    }

    [Fact]
    public void Check_validates_without_writing()
    {
        using var site = TestSite.FromFixture("basic");

        var (code, output, _) = Run("check", "--source", site.Root);

        Assert.Equal(0, code);
        Assert.StartsWith("Checked ", output);
        Assert.False(Directory.Exists(site.Output));
    }

    [Theory]
    [InlineData("build", "--no-such-option")]
    [InlineData("no-such-command")]
    [InlineData("build", "--source")]
    public void Bad_usage_exits_2(params string[] args)
    {
        Assert.Equal(2, Run(args).Code);
    }

    [Fact]
    public void Missing_source_folder_is_bad_usage()
    {
        Assert.Equal(2, Run("build", "--source", "/nonexistent/site/folder").Code);
    }

    [Fact]
    public void Help_and_version_exit_0()
    {
        var help = Run("build", "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("--source", help.Out);
        Assert.Contains("--drafts", help.Out);
        var version = Run("--version");
        Assert.Equal(0, version.Code);
        Assert.Matches(@"\d+\.\d+\.\d+", version.Out);
    }
}
