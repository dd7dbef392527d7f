using CloudPortal.Cli;

namespace CloudPortal.Tests.Server;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("serve", "--port", "70000")]
    [InlineData("serve", "--port", "-1")]
    [InlineData("serve", "--bind", "not-an-address")]
    [InlineData("serve", "--source", "/no/such/folder/for/cloudportal")]
    public void Bad_usage_exits_2_without_serving(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = CommandLine.Run(args, stdout, stderr);

        Assert.Equal(2, code);
        Assert.DoesNotContain("Serving", stdout.ToString());
        Assert.StartsWith("cloudportal: ", stderr.ToString());
    }

    [Fact]
    public void Help_lists_the_options()
    {
        var stdout = new StringWriter();

        CommandLine.Run(["serve", "--help"], stdout, new StringWriter());

        foreach (var option in new[] { "--source", "--port", "--bind", "--open", "--drafts" })
        {
            Assert.Contains(option, stdout.ToString());
        }
    }
}
