using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Graph;

public sealed class ReferenceErrorTests
{
    private const string Provider = "name: {zh: 华为云, en: Huawei Cloud}\nsummary: {zh: 简介, en: Summary}\n";
    private const string Source = "title: {zh: 报告, en: Report}\nkind: news\n";

    [Fact]
    public void Given_an_unknown_id_in_front_matter_When_built_Then_error_is_at_the_id_with_the_closest_id_suggested()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/data/providers/huawei-cloud.yaml", Provider),
            ("content/articles/x.en.md", "---\ntitle: X\ndate: 2018-01-01\nproviders: [huawei-clod]\n---\n"));

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.Equal("content/articles/x.en.md:4:13: error: unknown provider 'huawei-clod' (did you mean 'huawei-cloud'?)", error);
    }

    [Fact]
    public void Given_an_unknown_id_in_data_When_built_Then_error_is_in_the_data_file()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/data/providers/huawei-cloud.yaml", Provider),
            ("content/data/sources/report.yaml", Source),
            ("content/data/cases/cern.yaml", "title: CERN\ncustomer: CERN\nsummary: S\ncountries: [CH]\nproviders: [huawei]\nsources: [report]\n"));

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.Equal("content/data/cases/cern.yaml:5:13: error: unknown provider 'huawei' (did you mean 'huawei-cloud'?)", error);
    }

    [Fact]
    public void Given_a_figure_without_date_or_source_When_built_Then_both_missing_fields_are_reported()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/data/providers/huawei-cloud.yaml", Provider + "regions: {value: 22}\n"));

        var errors = site.Errors(site.Build()).ToArray();

        Assert.Equal(
            ["content/data/providers/huawei-cloud.yaml:3:10: error: missing required field `as_of` (a date)",
             "content/data/providers/huawei-cloud.yaml:3:10: error: missing required field `source` (an id)"],
            errors);
    }

    [Fact]
    public void Given_a_wrong_country_code_and_a_text_where_a_number_belongs_When_built_Then_each_is_reported()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/data/sources/report.yaml", Source),
            ("content/data/providers/huawei-cloud.yaml", Provider + "headquarters: China\nregions: {value: \"twenty\", as_of: \"2018\", source: report}\n"));

        var errors = site.Errors(site.Build()).ToArray();

        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("content/data/providers/huawei-cloud.yaml:3:15: error: `headquarters` must be an ISO 3166 country code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("content/data/providers/huawei-cloud.yaml:4:18: error: `value` must be a number, not 'twenty'", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_two_articles_with_the_same_url_When_built_Then_error_names_both_files()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/a.en.md", "---\ntitle: A\ndate: 2018-01-01\nslug: same\n---\n"),
            ("content/articles/b.en.md", "---\ntitle: B\ndate: 2018-01-01\nslug: same\n---\n"));

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.Equal("content/articles/b.en.md:1:1: error: two pages would be written to /en/articles/same/: this one and content/articles/a.en.md; change a slug or a permalink pattern", error);
    }

    [Fact]
    public void Given_an_unknown_data_folder_When_built_Then_error_suggests_the_closest_kind()
    {
        using var site = TestSite.WithDefaultTheme(("content/data/provider/x.yaml", Provider));

        var error = Assert.Single(site.Errors(site.Build()));

        Assert.StartsWith("content/data/provider: error: unknown data folder 'provider' (did you mean 'providers'?)", error);
    }
}
