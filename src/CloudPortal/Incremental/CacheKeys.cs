using System.IO.Hashing;
using System.Text;
using CloudPortal.Build;
using CloudPortal.Configuration;
using CloudPortal.Graph;

namespace CloudPortal.Incremental;

/// <summary>
/// Hashes of the inputs every page shares, by file content (not modification time): a key changes exactly
/// when something a stage reads from beyond one page's own file has changed.
/// </summary>
internal static class CacheKeys
{
    /// <summary>What front matter is read with: the engine and the config (which names the languages).</summary>
    public static Hash128 Source(BuildOptions options)
    {
        var hash = new XxHash128();
        Add(hash, BuildCache.EngineVersion);
        AddFile(hash, options.SourceRoot, SiteConfig.FileName);
        return Hash128.Of(hash);
    }

    /// <summary>What a Markdown body renders with besides its file: the front matter key, the options and every data record.</summary>
    public static Hash128 Markdown(BuildOptions options, Hash128 sourceKey)
    {
        var hash = new XxHash128();
        Add(hash, sourceKey.ToString());
        Add(hash, $"drafts={options.IncludeDrafts} future={options.IncludeFuture} expired={options.IncludeExpired} base={options.BaseUrl}");
        AddFolder(hash, options.SourceRoot, Path.Combine("content", Loading.DataLoader.FolderName));
        return Hash128.Of(hash);
    }

    /// <summary>
    /// What every page renders with: the Markdown key, the whole theme (layouts, partials, strings, assets,
    /// whose fingerprints appear in every page) and the titles of the pages the site's navigation names.
    /// </summary>
    public static Hash128 Render(BuildOptions options, Hash128 markdownKey, string themeRoot, SiteGraph graph)
    {
        var hash = new XxHash128();
        Add(hash, markdownKey.ToString());
        Add(hash, $"sitemap={options.SitemapUrlsPerFile}");
        AddFolder(hash, options.SourceRoot, themeRoot);
        foreach (var page in graph.Pages.Where(p => p.Kind == PageKind.Page).OrderBy(p => p.Url, StringComparer.Ordinal))
        {
            Add(hash, page.Url + "\t" + page.Title);
        }

        return Hash128.Of(hash);
    }

    private static void Add(XxHash128 hash, string text) => hash.Append(Encoding.UTF8.GetBytes(text + "\n"));

    private static void AddFile(XxHash128 hash, string root, string relative)
    {
        var full = Path.Combine(root, relative);
        Add(hash, relative);
        if (File.Exists(full))
        {
            var bytes = File.ReadAllBytes(full);
            Add(hash, bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            hash.Append(bytes);
        }
        else
        {
            Add(hash, "-");
        }
    }

    private static void AddFolder(XxHash128 hash, string root, string folder)
    {
        var full = Path.Combine(root, folder);
        if (!Directory.Exists(full))
        {
            Add(hash, folder + " -");
            return;
        }

        foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            AddFile(hash, root, file);
        }
    }
}
