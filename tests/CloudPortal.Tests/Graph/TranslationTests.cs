using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Graph;

public sealed class TranslationTests
{
    private static string Article(string title, string date, string extra = "") => $"---\ntitle: {title}\ndate: {date}\n{extra}---\nBody.\n";

    [Fact]
    public void Check_lists_missing_and_outdated_translations_as_warnings()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/only-zh.zh.md", Article("仅中文", "2018-01-01")),
            ("content/articles/both.zh.md", Article("双语", "2018-01-01", "updated: 2018-03-01\n")),
            ("content/articles/both.en.md", Article("Both", "2018-01-01", "updated: 2018-02-01\n")),
            ("content/articles/fresh.zh.md", Article("新", "2018-01-01")),
            ("content/articles/fresh.en.md", Article("Fresh", "2018-01-02")));

        var result = SiteBuilder.Build(new BuildOptions(site.Root) { WriteOutput = false });

        Assert.True(result.Success);
        Assert.Equal(
            ["content/articles/both.en.md: warning: translation is older than its original content/articles/both.zh.md (changed 2018-03-01); update it and set `updated`",
             "content/articles/only-zh.zh.md: warning: no English (en) translation; add content/articles/only-zh.en.md"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Build_summarises_translation_issues_in_one_warning()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/only-zh.zh.md", Article("仅中文", "2018-01-01")));

        var result = site.Build();

        Assert.True(result.Success);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Contains("1 translation issue(s)", warning.Message);
    }

    [Fact]
    public void An_explicit_translation_key_links_files_with_different_names()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/yun.zh.md", Article("云", "2018-01-01", "translation_key: cloud-story\n")),
            ("content/articles/cloud.en.md", Article("Cloud", "2018-01-01", "translation_key: cloud-story\n")));

        Assert.True(site.Build().Success);

        Assert.Contains("href=\"/en/articles/cloud/\" hreflang=\"en\"", site.ReadOutput("articles/yun/index.html"));
        Assert.Contains("href=\"/articles/yun/\" hreflang=\"zh\"", site.ReadOutput("en/articles/cloud/index.html"));
    }

    [Fact]
    public void A_chinese_title_never_shapes_the_url_the_file_name_or_slug_does()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/global-footprint.zh.md", Article("中国云服务商的全球版图", "2018-01-01")),
            ("content/articles/other.zh.md", Article("另一篇：标题！", "2018-01-01", "slug: custom-slug\n")));

        Assert.True(site.Build().Success);

        Assert.True(site.OutputExists("articles/global-footprint/index.html"));
        Assert.True(site.OutputExists("articles/custom-slug/index.html"));
    }

    [Fact]
    public void Articles_show_reading_time_and_lists_use_an_automatic_summary_when_none_is_given()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/a.zh.md", "---\ntitle: 无摘要\ndate: 2018-01-01\n---\n中国云服务商加快出海。" + new string('云', 400) + "。\n"));

        Assert.True(site.Build().Success);

        Assert.Contains("阅读约 2 分钟", site.ReadOutput("articles/a/index.html"));
        Assert.Contains("<p>中国云服务商加快出海。</p>", site.ReadOutput("index.html"));
    }

    [Fact]
    public void A_third_language_is_a_config_change_and_untranslated_data_falls_back_marked_with_its_language()
    {
        using var site = TestSite.FromFixture("basic");
        site.Write("cloudportal.yaml", TestSite.MinimalConfig + "\n  fr: {name: Français, culture: fr-FR, prefix: fr}\n");
        File.Copy(Path.Combine(site.Root, "themes/default/i18n/en.yaml"), Path.Combine(site.Root, "themes/default/i18n/fr.yaml"));
        site.Write("content/articles/hello.fr.md", "---\ntitle: Bonjour, le cloud\ndate: 2018-03-01\nproviders: [acme-cloud]\n---\n[](provider:acme-cloud)\n");

        var result = site.Build();

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var page = site.ReadOutput("fr/articles/hello/index.html");
        Assert.Contains("<html lang=\"fr\">", page);
        Assert.Contains("hreflang=\"fr\" href=\"https://example.org/fr/articles/hello/\"", page);
        Assert.Contains("<a href=\"/fr/providers/acme-cloud/\">极致云</a>", page);
        Assert.Contains("<h1 lang=\"zh\">极致云</h1>", site.ReadOutput("fr/providers/acme-cloud/index.html"));
        Assert.True(site.OutputExists("fr/atom.xml"));
    }
}
