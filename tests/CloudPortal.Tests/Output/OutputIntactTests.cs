using System.Text;
using CloudPortal.Output;

namespace CloudPortal.Tests.Output;

/// <summary>The check a build with nothing to do relies on: is every file the last build wrote still as it left it?</summary>
public sealed class OutputIntactTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cloudportal-intact-").FullName;

    private string Output => Path.Combine(_root, "public");

    private string Cache => Path.Combine(_root, ".cloudportal");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void BuildOnce()
    {
        var writer = new OutputWriter(Output, Cache);
        writer.Add("index.html", "<h1>首页</h1>"u8);
        writer.Add("文章/云计算/index.html", "<h1>云计算</h1>"u8);
        writer.Add("en/articles/regions/index.html", "<h1>Regions</h1>"u8);
        writer.Commit();
    }

    [Fact]
    public void Given_a_committed_output_Then_it_is_intact_with_its_file_count()
    {
        BuildOnce();

        Assert.True(OutputWriter.OutputIntact(Output, Cache, out var count));
        Assert.Equal(3, count);
    }

    [Fact]
    public void Given_a_file_rewritten_with_other_content_Then_the_output_is_not_intact()
    {
        BuildOnce();

        File.WriteAllText(Path.Combine(Output, "文章/云计算/index.html"), "<h1>changed by hand</h1>", Encoding.UTF8);

        Assert.False(OutputWriter.OutputIntact(Output, Cache, out _));
    }

    [Fact]
    public void Given_a_file_deleted_Then_the_output_is_not_intact()
    {
        BuildOnce();

        File.Delete(Path.Combine(Output, "en/articles/regions/index.html"));

        Assert.False(OutputWriter.OutputIntact(Output, Cache, out _));
    }

    [Fact]
    public void Given_no_build_yet_Then_nothing_is_intact()
    {
        Assert.False(OutputWriter.OutputIntact(Output, Cache, out var count));
        Assert.Equal(0, count);
    }
}
