using CloudPortal.Build;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Build;

/// <summary>A kept listing may only stand in for reading the folders while it is certain to be what reading them would find.</summary>
public sealed class FileListingTests
{
    private static readonly string[] Tops = ["content", "themes/default"];

    private static TestSite SiteWithListing(out string listingPath)
    {
        var site = TestSite.WithDefaultTheme(
            ("content/articles/a.en.md", "---\ntitle: A\n---\nA\n"),
            ("content/articles/bundle/photo.png", "png"),
            ("content/data/providers/p.yaml", "name: P\n"));
        listingPath = Path.Combine(site.Root, ".cloudportal", "build-test.files");
        var first = FileListing.Of(site.Root, Tops, listingPath);
        Assert.False(first.Reused);
        first.Save(listingPath);
        return site;
    }

    [Fact]
    public void Given_nothing_changed_When_listed_again_Then_the_kept_listing_is_used_and_equals_reading_the_folders()
    {
        using var site = SiteWithListing(out var listingPath);

        var again = FileListing.Of(site.Root, Tops, listingPath);

        Assert.True(again.Reused);
        Assert.Equal(FileListing.Of(site.Root, Tops, null).Files.Strings, again.Files.Strings);
        Assert.Contains("content/articles/bundle/photo.png", again.Files.Strings);
        Assert.Contains("themes/default/layouts/article.html", again.Files.Strings);
    }

    public static TheoryData<string> Changes => ["file added", "file added in a new folder", "file removed", "file renamed", "folder removed", "top folder created"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Given_a_file_added_removed_or_renamed_anywhere_When_listed_again_Then_the_folders_are_read_again(string change)
    {
        using var site = SiteWithListing(out var listingPath);
        string Full(string path) => Path.Combine(site.Root, path);
        switch (change)
        {
            case "file added":
                site.Write("content/articles/bundle/chart.svg", "<svg/>");
                break;
            case "file added in a new folder":
                site.Write("content/data/cases/c.yaml", "name: C\n");
                break;
            case "file removed":
                File.Delete(Full("content/data/providers/p.yaml"));
                break;
            case "file renamed":
                File.Move(Full("content/articles/a.en.md"), Full("content/articles/b.en.md"));
                break;
            case "folder removed":
                Directory.Delete(Full("content/articles/bundle"), recursive: true);
                break;
            case "top folder created":
                Directory.Delete(Full("themes/default"), recursive: true);
                FileListing.Of(site.Root, Tops, null).Save(listingPath);
                TestSite.CopyDirectory(Path.Combine(Repository.Root, "themes", "default"), Full("themes/default"));
                break;
        }

        var again = FileListing.Of(site.Root, Tops, listingPath);

        Assert.False(again.Reused);
        Assert.Equal(FileListing.Of(site.Root, Tops, null).Files.Strings, again.Files.Strings);
    }

    [Fact]
    public void Given_a_folder_whose_times_were_set_back_When_listed_again_Then_the_folders_are_read_again()
    {
        using var site = SiteWithListing(out var listingPath);
        var folder = Path.Combine(site.Root, "content/articles");
        var before = Directory.GetLastWriteTimeUtc(folder);
        site.Write("content/articles/new.en.md", "---\ntitle: New\n---\nNew\n");
        Directory.SetLastWriteTimeUtc(folder, before);

        var again = FileListing.Of(site.Root, Tops, listingPath);

        Assert.False(again.Reused);
        Assert.Contains("content/articles/new.en.md", again.Files.Strings);
    }

    [Theory]
    [InlineData("other-magic\n")]
    [InlineData("cloudportal-listing-1\n2\t99\ncontent\nthemes/default\n")]
    [InlineData("cloudportal-listing-1\n1\t0\ncontent\n")]
    [InlineData("cloudportal-listing-1\nx\ty\n")]
    public void Given_a_kept_listing_that_is_unreadable_or_for_other_folders_When_listed_Then_the_folders_are_read(string text)
    {
        using var site = SiteWithListing(out var listingPath);
        File.WriteAllText(listingPath, text);

        var again = FileListing.Of(site.Root, Tops, listingPath);

        Assert.False(again.Reused);
        Assert.Contains("content/articles/a.en.md", again.Files.Strings);
    }

    [Fact]
    public void Given_an_article_added_after_a_build_When_built_again_Then_it_is_published()
    {
        using var site = TestSite.WithDefaultTheme(("content/articles/a.en.md", "---\ntitle: A\ndate: 2018-01-01\n---\nA\n"));
        Assert.True(site.Build().Success);
        Assert.Contains(site.Build().StageTimes, s => s.Stage == "up to date");

        site.Write("content/articles/b.en.md", "---\ntitle: B\ndate: 2018-01-02\n---\nB\n");
        var result = site.Build();

        Assert.True(result.Success);
        Assert.True(site.OutputExists("en/articles/b/index.html"));
    }
}
