using CloudPortal.Build;

namespace CloudPortal.Tests.Support;

/// <summary>A throw-away site folder written from inline files, built with the real engine.</summary>
internal sealed class TestSite : IDisposable
{
    public const string MinimalConfig = """
        title: {zh: 测试站, en: Test Site}
        base_url: https://example.org/
        languages:
          zh: {name: 中文, culture: zh-CN}
          en: {name: English, culture: en-GB, prefix: en}
        """;

    private TestSite(string root) => Root = root;

    public string Root { get; }

    public string Output => Path.Combine(Root, "public");

    public static TestSite Create(params (string Path, string Text)[] files)
    {
        var root = Path.Combine(Path.GetTempPath(), "cloudportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var site = new TestSite(root);
        foreach (var (path, text) in files)
        {
            site.Write(path, text);
        }

        return site;
    }

    /// <summary>A site with the given files plus the default config and the repository's default theme.</summary>
    public static TestSite WithDefaultTheme(params (string Path, string Text)[] files)
    {
        var site = Create(files);
        if (!File.Exists(Path.Combine(site.Root, "cloudportal.yaml")))
        {
            site.Write("cloudportal.yaml", MinimalConfig);
        }

        CopyDirectory(Path.Combine(Repository.Root, "themes", "default"), Path.Combine(site.Root, "themes", "default"));
        return site;
    }

    /// <summary>A copy of a fixture site under tests/Sites/.</summary>
    public static TestSite FromFixture(string name, bool defaultTheme = true)
    {
        var site = Create();
        CopyDirectory(Path.Combine(Repository.Root, "tests", "Sites", name), site.Root);
        if (defaultTheme && !Directory.Exists(Path.Combine(site.Root, "themes", "default")))
        {
            CopyDirectory(Path.Combine(Repository.Root, "themes", "default"), Path.Combine(site.Root, "themes", "default"));
        }

        return site;
    }

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
    }

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    public BuildResult Build(bool drafts = false) =>
        SiteBuilder.Build(new BuildOptions(Root) { IncludeDrafts = drafts });

    public string ReadOutput(string path) => File.ReadAllText(Path.Combine(Output, path));

    public bool OutputExists(string path) => File.Exists(Path.Combine(Output, path));

    public IEnumerable<string> Errors(BuildResult result) => result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString());

    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("public", StringComparison.Ordinal) || relative.StartsWith(".cloudportal", StringComparison.Ordinal) || relative == "expected-diagnostics.txt")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a passed test over it is not.
        }
    }
}
