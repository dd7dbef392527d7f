using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

public sealed class FileStampsTests
{
    [Fact]
    public void Files_are_listed_relative_to_the_site_in_ordinal_order_with_their_size_and_time()
    {
        using var site = TestSite.WithDefaultTheme(
            ("content/articles/b.en.md", "---\ntitle: B\n---\nB\n"),
            ("content/articles/a.zh.md", "---\ntitle: 甲\n---\n甲\n"),
            ("content/articles/a/photo.png", "png"));

        var stamps = FileStamps.Of(site.Root, ["content"]);

        // Ordinal: '.' sorts before '/', so a.zh.md comes before the a/ bundle folder.
        Assert.Equal(["content/articles/a.zh.md", "content/articles/a/photo.png", "content/articles/b.en.md"], stamps.Paths);
        var info = new FileInfo(Path.Combine(site.Root, "content/articles/b.en.md"));
        var b = Array.IndexOf(stamps.Paths, "content/articles/b.en.md");
        Assert.Equal((info.Length, info.LastWriteTimeUtc.Ticks), (stamps.Sizes[b], stamps.MtimeTicks[b]));
    }

    [Fact]
    public void A_root_given_with_a_trailing_separator_lists_the_same_paths()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", "---\ntitle: A\n---\nA\n"));

        var plain = FileStamps.Of(site.Root, ["content", "themes/default"]);
        var slashed = FileStamps.Of(site.Root + Path.DirectorySeparatorChar, ["content", "themes/default"]);

        Assert.Equal(plain.Paths, slashed.Paths);
        Assert.Contains("content/articles/a.en.md", plain.Paths);
        Assert.Contains("themes/default/layouts/article.html", plain.Paths);
    }
}
