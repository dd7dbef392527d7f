using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Incremental;
using CloudPortal.Loading;

namespace CloudPortal.Tests.Incremental;

/// <summary>The build cache's file: what is saved is what is read, for sites of any size, and a damaged file reads as no cache.</summary>
public sealed class BuildCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cloudportal-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static BuildCache CacheOf(int files)
    {
        var config = ConfigLoader.Parse("title: T\nbase_url: https://example.org/\nlanguages:\n  zh: {name: 中文}\n  en: {name: English}\n", "cloudportal.yaml", new DiagnosticBag())!;
        var cache = new BuildCache(Hash128.Of("source key"u8)) { ManifestStamp = 42, OutputsHash = 7 };
        for (var i = 0; i < files; i++)
        {
            var path = $"content/articles/{i:D5}-云计算.{(i % 2 == 0 ? "zh" : "en")}.md";
            var page = ContentLoader.Parse("articles", path, $"---\ntitle: 标题 {i}\ndate: 2024-01-{1 + i % 28:D2}\ntags: [可用区, regions]\n---\nBody {i}.\n", config, new DiagnosticBag())!;
            page = page with { FrontMatterHash = CachedSource.HashOf(page) };
            var warnings = i % 100 == 0 ? new[] { new Diagnostic(DiagnosticSeverity.Warning, new SourceLocation(path, 2, 3), $"warning {i}") } : [];
            cache.Sources[path] = new CachedSource(1000 + i, 638000000000000000 + i, page, warnings);
        }

        cache.Pages["index.html"] = new CachedPage(Hash128.Of("home"u8), 99, null);
        cache.Pages["articles/a/index.html"] = new CachedPage(Hash128.Of("a"u8), 5, (812, 4096));
        return cache;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(512)]
    [InlineData(1300)]
    public void Given_a_saved_cache_When_read_Then_every_file_s_entry_is_as_saved(int files)
    {
        var path = Path.Combine(_root, "pages.bin");
        var saved = CacheOf(files);
        saved.Save(path);

        var read = BuildCache.Load(path);

        Assert.NotNull(read);
        Assert.Equal((42UL, 7UL), (read.ManifestStamp, read.OutputsHash));
        Assert.Equal(saved.Sources.Keys.Order(StringComparer.Ordinal), read.Sources.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, source) in saved.Sources)
        {
            var back = read.Sources[file];
            Assert.Equal((source.Size, source.MtimeTicks, source.Page.Path, source.Page.FrontMatter.Title, source.Page.FrontMatterHash),
                (back.Size, back.MtimeTicks, back.Page.Path, back.Page.FrontMatter.Title, back.Page.FrontMatterHash));
            Assert.Equal(source.Warnings.Select(w => w.ToString()), back.Warnings.Select(w => w.ToString()));
        }

        Assert.Equal(saved.Pages["index.html"], read.Pages["index.html"]);
        Assert.Equal(saved.Pages["articles/a/index.html"], read.Pages["articles/a/index.html"]);
    }

    [Fact]
    public void Given_pages_a_quick_edit_rewrote_When_the_cache_forgets_them_Then_it_reads_without_them_under_the_new_manifest()
    {
        var path = Path.Combine(_root, "pages.bin");
        CacheOf(20).Save(path);

        BuildCache.ForgetPages(path, ["articles/a/index.html"], stamp: 42, newStamp: 43);
        BuildCache.ForgetPages(path, ["index.html"], stamp: 43, newStamp: 44);

        var read = BuildCache.Load(path);
        Assert.NotNull(read);
        Assert.Equal(44UL, read.ManifestStamp);
        Assert.Empty(read.Pages);
        Assert.Equal(20, read.Sources.Count);
    }

    [Fact]
    public void Given_a_cache_of_another_manifest_When_asked_to_forget_pages_Then_it_is_left_as_it_is()
    {
        var path = Path.Combine(_root, "pages.bin");
        CacheOf(3).Save(path);
        var before = File.ReadAllBytes(path);

        BuildCache.ForgetPages(path, ["index.html"], stamp: 41, newStamp: 43);

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Given_a_cache_cut_short_anywhere_When_read_Then_it_is_no_cache_and_nothing_throws()
    {
        var path = Path.Combine(_root, "pages.bin");
        CacheOf(1300).Save(path);
        var bytes = File.ReadAllBytes(path);

        foreach (var length in new[] { 0, 10, 60, bytes.Length / 3, bytes.Length / 2, bytes.Length - 100, bytes.Length - 1 })
        {
            File.WriteAllBytes(path, bytes[..length]);
            Assert.Null(BuildCache.Load(path));
        }
    }
}
