using CloudPortal.Configuration;
using CloudPortal.Diagnostics;

namespace CloudPortal.Loading;

/// <summary>Finds and reads every Markdown file under <c>content/</c> once, in parallel, into typed pages.</summary>
internal sealed class ContentLoader
{
    public static readonly IReadOnlyList<string> Sections = ["articles", "pages"];

    /// <summary>content/static/: site-wide files (favicon, CNAME, images) copied to the output root as they are.</summary>
    public const string StaticFolder = "static";

    private readonly string _sourceRoot;
    private readonly SiteConfig _config;
    private readonly DiagnosticBag _diagnostics;

    private readonly IReadOnlyDictionary<string, Incremental.CachedSource> _cached;
    private Dictionary<string, Incremental.CachedSource> _loaded = new(StringComparer.Ordinal);

    private readonly IReadOnlyDictionary<string, FileStamp> _seen;
    private readonly HashSet<string> _bundleFolders = new(StringComparer.Ordinal);

    /// <param name="cached">Front matter of the last build by file, used for files whose size and modification time are unchanged.</param>
    /// <param name="seen">Sizes and modification times of content files already asked of the file system this build, so it is not asked again.</param>
    public ContentLoader(string sourceRoot, SiteConfig config, DiagnosticBag diagnostics, IReadOnlyDictionary<string, Incremental.CachedSource>? cached = null,
        IReadOnlyDictionary<string, FileStamp>? seen = null)
    {
        _seen = seen ?? new Dictionary<string, FileStamp>();
        _sourceRoot = sourceRoot;
        _config = config;
        _diagnostics = diagnostics;
        _cached = cached ?? new Dictionary<string, Incremental.CachedSource>();
    }

    /// <summary>What this load read from each file, for the next build's cache.</summary>
    public IReadOnlyDictionary<string, Incremental.CachedSource> Loaded => _loaded;

    /// <summary>A Markdown file to load. A class, not a tuple: a list of tuples has no ReadyToRun code.</summary>
    private sealed record ContentFile(string Section, string FullPath);

    public IReadOnlyList<SourcePage> Load()
    {
        var files = new List<ContentFile>();
        var contentRoot = Path.Combine(_sourceRoot, "content");
        foreach (var section in Sections)
        {
            var folder = Path.Combine(contentRoot, section);
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.TopDirectoryOnly))
                {
                    files.Add(new ContentFile(section, file));
                }

                _bundleFolders.UnionWith(Directory.EnumerateDirectories(folder));
            }
        }

        if (Directory.Exists(contentRoot))
        {
            foreach (var dir in Directory.EnumerateDirectories(contentRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                if (dir is not null && !Sections.Contains(dir) && dir != DataLoader.FolderName && dir != StaticFolder && !dir.StartsWith('.'))
                {
                    _diagnostics.Warning(SourceLocation.FileOnly($"content/{dir}"),
                        $"folder not built: content/ holds {string.Join(", ", Sections)} and {DataLoader.FolderName}");
                }
            }
        }

        var pages = new SourcePage?[files.Count];
        // What each file gave for the cache goes to its own slot and is gathered after: a shared concurrent
        // dictionary made the two loading threads wait on each other's locks.
        var loadedPaths = new string?[files.Count];
        var loadedSources = new Incremental.CachedSource?[files.Count];
        Build.IndexLoop.ForEach(files.Count, i => pages[i] = LoadOne(files[i].Section, files[i].FullPath, out loadedPaths[i], out loadedSources[i]), run: 1);
        _loaded = new Dictionary<string, Incremental.CachedSource>(files.Count, StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (loadedSources[i] is { } source)
            {
                _loaded[loadedPaths[i]!] = source;
            }
        }

        return pages.OfType<SourcePage>().OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }

    private SourcePage? LoadOne(string section, string fullPath, out string relativePath, out Incremental.CachedSource? loaded)
    {
        loaded = null;
        var relative = relativePath = Path.GetRelativePath(_sourceRoot, fullPath).Replace('\\', '/');
        if (!_seen.TryGetValue(relative, out var stat))
        {
            var info = new FileInfo(fullPath);
            stat = new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks);
        }

        SourcePage? page;
        if (_cached.TryGetValue(relative, out var cached) && cached.Size == stat.Size && cached.MtimeTicks == stat.MtimeTicks)
        {
            foreach (var warning in cached.Warnings)
            {
                _diagnostics.Add(warning);
            }

            page = cached.Page;
            loaded = cached with { Markdown = null };
        }
        else
        {
            var found = new DiagnosticBag();
            page = ParseFile(fullPath, section, relative, _config, found);
            var problems = found.ToSortedList();
            foreach (var problem in problems)
            {
                _diagnostics.Add(problem);
            }

            if (page is not null && !found.HasErrors)
            {
                loaded = new Incremental.CachedSource(stat.Size, stat.MtimeTicks, page, problems);
            }

        }

        var bundle = Path.Combine(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath).Split('.')[0]);
        return page is not null && _bundleFolders.Contains(bundle) ? page with { BundleFiles = ListFiles(bundle) } : page;
    }

    /// <summary>
    /// One Markdown file's page with its front matter hash, problems reported to <paramref name="found"/>;
    /// only the front matter is kept, the body is read again when it renders.
    /// </summary>
    internal static SourcePage? ParseFile(string fullPath, string section, string relative, SiteConfig config, DiagnosticBag found)
    {
        var head = SourceText.WithText(fullPath, text => FrontMatter.Head(text, relative, found));
        var page = Parse(section, relative, head, config, found);
        page = page is null ? null : page with { FrontMatterHash = Incremental.CachedSource.HashOf(page) };
        // Bodies are read again, one at a time, when they render: holding all of them from here would
        // double the memory a large site needs, for a read the OS has cached anyway.
        page?.ReleaseBody();
        return page;
    }

    /// <summary>Every file under a folder, relative to the site root, '/'-separated, in ordinal order.</summary>
    public IReadOnlyList<string> ListFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(_sourceRoot, f).Replace('\\', '/'))
                .Where(f => !f.Split('/').Any(part => part.StartsWith('.')))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public IReadOnlyList<string> StaticFiles() => ListFiles(Path.Combine(_sourceRoot, "content", StaticFolder));

    internal static SourcePage? Parse(string section, string relativePath, string text, SiteConfig config, DiagnosticBag diagnostics) =>
        Parse(section, relativePath, FrontMatter.Split(text, relativePath, diagnostics), config, diagnostics);

    private static SourcePage? Parse(string section, string relativePath, FrontMatter? split, SiteConfig config, DiagnosticBag diagnostics)
    {
        if (split is null)
        {
            return null;
        }

        var yaml = YamlDocument.ParseMapping(split.Value.Yaml, relativePath, FrontMatter.YamlLineOffset, diagnostics);
        if (yaml is null)
        {
            return null;
        }

        var context = new YamlContext(relativePath, FrontMatter.YamlLineOffset, diagnostics, config.LanguageCodes);
        var fields = new YamlFields(yaml, context);
        var frontMatter = PageFrontMatter.Read(fields, dateRequired: section == "articles");

        var (fileSlug, fileLang) = SplitFileName(Path.GetFileName(relativePath), config);
        var lang = fileLang ?? frontMatter.Lang ?? config.DefaultLanguage.Code;
        if (fileLang is not null && frontMatter.Lang is not null && frontMatter.Lang != fileLang)
        {
            diagnostics.Error(fields.LocationOf("lang"), $"`lang: {frontMatter.Lang}` contradicts the file name, which says '{fileLang}'; remove one");
        }

        if (config.Language(lang) is null)
        {
            diagnostics.Error(fields.LocationOf("lang"),
                $"language '{lang}' is not one of the site's languages ({string.Join(", ", config.LanguageCodes)}){Suggestions.Hint(lang, config.LanguageCodes)}");
            return null;
        }

        var slug = frontMatter.Slug ?? fileSlug;
        if (!SlugRules.IsValid(slug))
        {
            var at = frontMatter.Slug is null ? new SourceLocation(relativePath, 1, 1) : fields.LocationOf("slug");
            diagnostics.Error(at, $"'{slug}' cannot be used in a URL: {SlugRules.Explanation}");
            return null;
        }

        return new SourcePage(relativePath, section, slug, lang, frontMatter, split.Value.Body, split.Value.BodyLine);
    }

    /// <summary>"global-footprint.zh.md" → ("global-footprint", "zh"); "x.md" → ("x", null).</summary>
    private static (string Slug, string? Lang) SplitFileName(string fileName, SiteConfig config)
    {
        var stem = fileName[..^3];
        var dot = stem.LastIndexOf('.');
        if (dot > 0 && config.Language(stem[(dot + 1)..]) is not null)
        {
            return (stem[..dot], stem[(dot + 1)..]);
        }

        return (stem, null);
    }
}
