using CloudPortal.Output;

namespace CloudPortal.Tests.Output;

public sealed class FileStatTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cloudportal-filestat-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_file_has_the_size_and_time_FileInfo_gives_it()
    {
        var path = Path.Combine(_root, "页面.html");
        File.WriteAllText(path, "<p>云计算</p>");
        // A time with a fraction of a second below the tick, as file systems keep it.
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 5, 7, 8, 9, 10, DateTimeKind.Utc).AddTicks(1234567));

        Assert.True(FileStat.TryGet(path, out var size, out var ticks));

        var info = new FileInfo(path);
        Assert.Equal(info.Length, size);
        Assert.Equal(info.LastWriteTimeUtc.Ticks, ticks);
    }

    [Fact]
    public void A_link_is_followed_to_its_file()
    {
        var target = Path.Combine(_root, "target.css");
        File.WriteAllText(target, "body { color: black }");
        // Older than the link: an edit changes the target's time, which is the one to see.
        File.SetLastWriteTimeUtc(target, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var link = Path.Combine(_root, "link.css");
        File.CreateSymbolicLink(link, target);

        Assert.True(FileStat.TryGet(link, out var size, out var ticks));

        Assert.Equal(new FileInfo(target).Length, size);
        Assert.Equal(new FileInfo(target).LastWriteTimeUtc.Ticks, ticks);
    }

    [Fact]
    public void Nothing_a_directory_or_a_path_through_a_file_is_not_a_file()
    {
        var file = Path.Combine(_root, "a.txt");
        File.WriteAllText(file, "a");

        Assert.False(FileStat.TryGet(Path.Combine(_root, "missing.txt"), out _, out _));
        Assert.False(FileStat.TryGet(_root, out _, out _));
        Assert.False(FileStat.TryGet(Path.Combine(file, "below"), out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public void A_path_under_a_root_is_the_file_the_joined_path_names(string rootEnding)
    {
        var folder = Path.Combine(_root, "文章", "云计算");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "index.html"), "<h1>可用区</h1>");
        File.WriteAllText(Path.Combine(_root, "index.html"), "<h1>home, a different size</h1>");
        var root = _root + rootEnding;

        Assert.True(FileStat.TryGet(root, "文章/云计算/index.html", out var size, out var ticks));
        Assert.True(FileStat.TryGet(root, "文章/云计算/index.html"u8, out var sizeFromBytes, out var ticksFromBytes));

        var info = new FileInfo(Path.Combine(folder, "index.html"));
        Assert.Equal((info.Length, info.LastWriteTimeUtc.Ticks), (size, ticks));
        Assert.Equal((info.Length, info.LastWriteTimeUtc.Ticks), (sizeFromBytes, ticksFromBytes));
        Assert.False(FileStat.TryGet(root, "文章/missing.html", out _, out _));
        Assert.False(FileStat.TryGet(root, "文章"u8, out _, out _));
    }

    [Fact]
    public void A_long_path_under_a_root_is_stat_as_a_whole()
    {
        // Longer than the buffer the first call on a thread makes.
        var segments = Enumerable.Range(0, 12).Select(i => new string((char)('a' + i), 100)).ToArray();
        var relative = string.Join('/', segments) + "/page.html";
        Directory.CreateDirectory(Path.Combine(_root, Path.GetDirectoryName(relative)!));
        File.WriteAllText(Path.Combine(_root, relative), "long");

        Assert.True(FileStat.TryGet(_root, relative, out var size, out _));
        Assert.True(FileStat.TryGet(_root, System.Text.Encoding.UTF8.GetBytes(relative), out var sizeFromBytes, out _));
        Assert.Equal(4, size);
        Assert.Equal(4, sizeFromBytes);
    }
}
