using CloudPortal.Cli;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Cli;

public sealed class NewCommandTests
{
    private static readonly DateTimeOffset Today = new(2024, 5, 17, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A clock stopped at one moment, in a chosen time zone, so "today" is the same on every machine.</summary>
    private sealed class FixedClock(DateTimeOffset now, TimeZoneInfo? zone = null) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => zone ?? TimeZoneInfo.Utc;
    }

    private static (int Code, string Out, string Err) Run(TimeProvider clock, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr, clock);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => Run(new FixedClock(Today), args);

    private static string Read(TestSite site, string path) => File.ReadAllText(Path.Combine(site.Root, path));

    [Fact]
    public void New_article_is_dated_today_in_the_default_language_and_builds()
    {
        using var site = TestSite.FromFixture("basic");

        var (code, output, errors) = Run("new", "article", "cloud-in-chile", "--source", site.Root);

        Assert.Equal(0, code);
        Assert.Equal("", errors);
        var path = Path.Combine(site.Root, "content", "articles", "cloud-in-chile.zh.md");
        Assert.Equal(path + Environment.NewLine, output);
        var text = File.ReadAllText(path);
        Assert.StartsWith("---\ntitle: \"Cloud in chile\"\ndate: 2024-05-17\n", text);
        Assert.Contains("draft: true", text);
        Assert.DoesNotContain("{{", text);

        var result = site.Build(drafts: true);
        Assert.Empty(site.Errors(result));
        Assert.True(site.OutputExists("articles/cloud-in-chile/index.html"));
    }

    [Fact]
    public void New_article_is_a_draft_so_an_ordinary_build_leaves_it_out()
    {
        using var site = TestSite.FromFixture("basic");
        Assert.Equal(0, Run("new", "article", "not-yet", "--source", site.Root).Code);

        var result = site.Build();

        Assert.True(result.Success, string.Join("\n", site.Errors(result)));
        Assert.False(site.OutputExists("articles/not-yet/index.html"));
    }

    [Fact]
    public void Lang_en_writes_the_english_file_from_the_english_archetype()
    {
        using var site = TestSite.FromFixture("basic");

        var (code, output, _) = Run("new", "article", "cloud-in-chile", "--lang", "en", "--source", site.Root);

        Assert.Equal(0, code);
        Assert.EndsWith(Path.Combine("content", "articles", "cloud-in-chile.en.md") + Environment.NewLine, output);
        var text = Read(site, "content/articles/cloud-in-chile.en.md");
        Assert.Contains("date: 2024-05-17", text);
        Assert.Contains("To do:", text);
        Assert.False(File.Exists(Path.Combine(site.Root, "content", "articles", "cloud-in-chile.zh.md")));
        var result = site.Build(drafts: true);
        Assert.Empty(site.Errors(result));
        Assert.True(site.OutputExists("en/articles/cloud-in-chile/index.html"));
    }

    [Fact]
    public void The_date_is_the_writers_local_date()
    {
        using var site = TestSite.FromFixture("basic");
        var beijing = TimeZoneInfo.CreateCustomTimeZone("test+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var lateEveningUtc = new DateTimeOffset(2024, 5, 17, 20, 0, 0, TimeSpan.Zero);

        Run(new FixedClock(lateEveningUtc, beijing), "new", "article", "morning", "--source", site.Root);

        Assert.Contains("date: 2024-05-18", Read(site, "content/articles/morning.zh.md"));
    }

    [Fact]
    public void An_existing_file_is_not_overwritten()
    {
        using var site = TestSite.FromFixture("basic");
        var before = Read(site, "content/articles/hello.en.md");

        var (code, output, errors) = Run("new", "article", "hello", "--lang", "en", "--source", site.Root);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains(Path.Combine(site.Root, "content", "articles", "hello.en.md"), errors);
        Assert.Contains("already exists", errors);
        Assert.Equal(before, Read(site, "content/articles/hello.en.md"));
    }

    [Fact]
    public void An_existing_record_is_not_overwritten()
    {
        using var site = TestSite.FromFixture("basic");
        var before = Read(site, "content/data/providers/acme-cloud.yaml");

        var (code, _, errors) = Run("new", "provider", "acme-cloud", "--source", site.Root);

        Assert.Equal(1, code);
        Assert.Contains("acme-cloud.yaml already exists", errors);
        Assert.Equal(before, Read(site, "content/data/providers/acme-cloud.yaml"));
    }

    [Theory]
    [InlineData("article", "Cloud-In-Chile")]
    [InlineData("article", "cloud_in_chile")]
    [InlineData("article", "cloud.in.chile")]
    [InlineData("article", "../escape")]
    [InlineData("article", "云计算")]
    [InlineData("article", "trailing-")]
    [InlineData("article", "double--hyphen")]
    [InlineData("provider", "Acme Cloud")]
    [InlineData("case", "a/b")]
    public void A_bad_slug_or_id_is_bad_usage(string kind, string slug)
    {
        using var site = TestSite.FromFixture("basic");
        var files = Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).Length;

        var (code, _, errors) = Run("new", kind, slug, "--source", site.Root);

        Assert.Equal(2, code);
        Assert.Contains($"'{slug}' is not a valid", errors);
        Assert.Contains("lower-case ASCII letters, digits and hyphens", errors);
        Assert.Equal(files, Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void A_language_the_site_does_not_have_is_bad_usage()
    {
        using var site = TestSite.FromFixture("basic");

        var (code, _, errors) = Run("new", "article", "bonjour", "--lang", "fr", "--source", site.Root);

        Assert.Equal(2, code);
        Assert.Contains("--lang must be one of the site's languages (zh, en), not 'fr'", errors);
    }

    [Fact]
    public void A_kind_is_required()
    {
        using var site = TestSite.FromFixture("basic");
        Assert.Equal(2, Run("new", "--source", site.Root).Code);
        Assert.Equal(2, Run("new", "article").Code);
        Assert.Equal(2, Run("new", "gadget", "x").Code);
    }

    [Theory]
    [InlineData("provider", "content/data/providers/new-cloud.yaml", "new-cloud")]
    [InlineData("person", "content/data/people/li-lei.yaml", "li-lei")]
    [InlineData("source", "content/data/sources/new-report.yaml", "new-report")]
    [InlineData("organisation", "content/data/organisations/acme-corp.yaml", "acme-corp")]
    [InlineData("industry", "content/data/industries/retail.yaml", "retail")]
    public void New_record_has_the_schema_line_text_in_both_languages_and_builds(string kind, string path, string id)
    {
        using var site = TestSite.FromFixture("basic");

        var (code, output, _) = Run("new", kind, id, "--source", site.Root);

        Assert.Equal(0, code);
        Assert.Equal(Path.GetFullPath(Path.Combine(site.Root, path)) + Environment.NewLine, output);
        var text = Read(site, path);
        Assert.StartsWith($"# yaml-language-server: $schema=../../../schemas/{kind}.schema.json\n", text);
        Assert.Contains("  zh: ", text);
        Assert.Contains("  en: ", text);
        Assert.DoesNotContain("{{", text);
        var result = site.Build();
        Assert.Empty(site.Errors(result));
    }

    [Fact]
    public void New_case_with_provider_and_cite_builds_at_once()
    {
        using var site = TestSite.FromFixture("basic");

        var (code, _, errors) = Run("new", "case", "acme-shop", "--provider", "acme-cloud", "--cite", "report", "--source", site.Root);

        Assert.Equal(0, code);
        Assert.Equal("", errors);
        var text = Read(site, "content/data/cases/acme-shop.yaml");
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/case.schema.json\n", text);
        Assert.Contains("\nproviders: [acme-cloud]\n", text);
        Assert.Contains("\nsources: [report]\n", text);
        var result = site.Build();
        Assert.Empty(site.Errors(result));
        Assert.True(site.OutputExists("cases/acme-shop/index.html"));
        Assert.True(site.OutputExists("en/cases/acme-shop/index.html"));
    }

    [Fact]
    public void New_case_without_references_says_where_to_fill_them_in_and_builds_once_filled()
    {
        using var site = TestSite.FromFixture("basic");
        Assert.Equal(0, Run("new", "case", "acme-shop", "--source", site.Root).Code);
        var path = "content/data/cases/acme-shop.yaml";
        var text = Read(site, path);
        Assert.Contains("\nproviders: []\n", text);
        Assert.Contains("\nsources: []\n", text);

        // Unfilled, the build points at the two lines the archetype's comment names.
        var unfilled = site.Build();
        Assert.Contains(site.Errors(unfilled), e => e.StartsWith(path + ":", StringComparison.Ordinal) && e.Contains("needs `providers`", StringComparison.Ordinal));
        Assert.Contains(site.Errors(unfilled), e => e.StartsWith(path + ":", StringComparison.Ordinal) && e.Contains("needs `sources`", StringComparison.Ordinal));

        site.Write(path, text.Replace("providers: []", "providers: [acme-cloud]").Replace("sources: []", "sources: [report]"));
        var filled = site.Build();
        Assert.Empty(site.Errors(filled));
    }

    [Theory]
    [InlineData("--provider", "no-such-cloud", "there is no provider 'no-such-cloud'")]
    [InlineData("--cite", "no-such-report", "there is no source 'no-such-report'")]
    [InlineData("--provider", "Bad Id", "'Bad Id' is not a valid id for --provider")]
    public void New_case_rejects_references_to_nothing(string option, string id, string message)
    {
        using var site = TestSite.FromFixture("basic");

        var (code, _, errors) = Run("new", "case", "acme-shop", option, id, "--source", site.Root);

        Assert.Equal(2, code);
        Assert.Contains(message, errors);
        Assert.False(File.Exists(Path.Combine(site.Root, "content", "data", "cases", "acme-shop.yaml")));
    }

    [Fact]
    public void Provider_and_cite_take_several_ids()
    {
        using var site = TestSite.FromFixture("basic");
        site.Write("content/data/providers/other-cloud.yaml", "name: {zh: 其他云, en: Other Cloud}\nsummary: {zh: 测试。, en: Test.}\n");

        Run("new", "case", "acme-shop", "--provider", "acme-cloud,other-cloud", "--cite", "report", "--source", site.Root);

        Assert.Contains("\nproviders: [acme-cloud, other-cloud]\n", Read(site, "content/data/cases/acme-shop.yaml"));
    }

    [Fact]
    public void A_site_archetype_overrides_the_theme_and_unknown_placeholders_are_errors()
    {
        using var site = TestSite.FromFixture("basic");
        site.Write("archetypes/industry.yaml", "name: {zh: \"{{title}}\", en: \"{{title}}\"}\n# made on {{date}}\n");
        site.Write("archetypes/source.yaml", "title: {zh: x, en: x}\nkind: news\n# {{ author }}\n");

        Assert.Equal(0, Run("new", "industry", "mining", "--source", site.Root).Code);
        Assert.Equal("name: {zh: \"Mining\", en: \"Mining\"}\n# made on 2024-05-17\n", Read(site, "content/data/industries/mining.yaml"));

        var (code, _, errors) = Run("new", "source", "x", "--source", site.Root);
        Assert.Equal(1, code);
        Assert.Contains(Path.Combine(site.Root, "archetypes", "source.yaml") + ":3:3: error: unknown placeholder {{author}}", errors);
        Assert.False(File.Exists(Path.Combine(site.Root, "content", "data", "sources", "x.yaml")));
    }

    [Fact]
    public void A_theme_without_the_archetype_says_where_it_looked()
    {
        using var site = TestSite.FromFixture("basic");
        Directory.Delete(Path.Combine(site.Root, "themes", "default", "archetypes"), recursive: true);

        var (code, _, errors) = Run("new", "person", "li-lei", "--source", site.Root);

        Assert.Equal(1, code);
        Assert.Contains("no archetype for a new person", errors);
        Assert.Contains(Path.Combine("themes", "default", "archetypes", "person.yaml"), errors);
    }

    [Fact]
    public void A_missing_source_folder_is_bad_usage()
    {
        Assert.Equal(2, Run("new", "article", "x", "--source", "/nonexistent/site/folder").Code);
    }
}
