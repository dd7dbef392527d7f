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
    public void A_link_is_followed_to_its_file_as_FileInfo_does()
    {
        var target = Path.Combine(_root, "target.css");
        File.WriteAllText(target, "body { color: black }");
        var link = Path.Combine(_root, "link.css");
        File.CreateSymbolicLink(link, target);

        Assert.True(FileStat.TryGet(link, out var size, out var ticks));

        Assert.Equal(new FileInfo(target).Length, size);
        Assert.Equal(new FileInfo(link).LastWriteTimeUtc.Ticks, ticks);
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
}
