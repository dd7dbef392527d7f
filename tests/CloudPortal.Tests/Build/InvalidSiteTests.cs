using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

/// <summary>
/// tests/Sites/invalid holds every kind of bad data and bad reference the build promises to report;
/// its expected-diagnostics.txt is the exact list, in order, that one run must print.
/// </summary>
public sealed class InvalidSiteTests
{
    [Fact]
    public void The_invalid_site_reports_exactly_the_expected_diagnostics_in_one_run_and_writes_nothing()
    {
        using var site = TestSite.FromFixture("invalid");
        var expected = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Sites", "invalid", "expected-diagnostics.txt"));

        var result = site.Build();

        Assert.False(result.Success);
        Assert.Equal(expected, result.Diagnostics.Select(d => d.ToString()));
        Assert.False(Directory.Exists(site.Output));
    }
}
