using System.Diagnostics;
using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Html;
using CloudPortal.Loading;
using CloudPortal.Markdown;
using CloudPortal.Output;
using CloudPortal.Publishing;
using CloudPortal.Templating;

namespace CloudPortal.Build;

/// <summary>
/// Runs the stages in order: load config, theme, content and data → build the site graph → render
/// Markdown → render templates and check links → write output. Stages report problems and go on, so
/// one run shows every error; output is committed only when there are none.
/// </summary>
public static class SiteBuilder
{
    public static BuildResult Build(BuildOptions options)
    {
        var clock = Stopwatch.StartNew();
        var stages = new StageClock();
        var diagnostics = new DiagnosticBag();
        // The fingerprint covers the config file, so with the last build's theme it can be checked before
        // the config is parsed: a build with nothing to do then never starts the YAML parser.
        var previous = options.WriteOutput ? BuildFingerprint.Load(options) : null;
        FileStamps? seen = null;
        string? fingerprint = null;
        if (previous is not null)
        {
            // The output manifest is read while the content is listed: each leaves the other core idle.
            var outputFiles = options.KeepForPreview ? null : Task.Run(() => OutputWriter.ReadFileList(options.ResolvedOutput, options.CacheDirectory));
            fingerprint = BuildFingerprint.Compute(options, previous.Theme, out seen);
            stages.Mark("fingerprint");
            // A preview needs the graph of its build, which the shortcut does not load.
            if (outputFiles is not null && UpToDate(options, previous, fingerprint, outputFiles) is { } upToDate)
            {
                seen!.SaveListing(options);
                stages.Mark("up to date");
                return upToDate with { Elapsed = clock.Elapsed, StageTimes = stages.Times };
            }

            if (outputFiles is not null && Incremental.QuickEdit.TryBuild(options, previous, fingerprint, seen!, outputFiles.GetAwaiter().GetResult(), clock, stages) is { } quick)
            {
                return quick with { Elapsed = clock.Elapsed };
            }
        }

        return BuildInFull(options, clock, stages, diagnostics, previous, fingerprint, seen);
    }

    // Apart from the check above, so that a build with nothing to do never enters it: entering it resolves
    // what it refers to, every stage's types and assemblies (Markdig, Scriban, ...), which that build does
    // not need.
    private static BuildResult BuildInFull(BuildOptions options, Stopwatch clock, StageClock stages, DiagnosticBag diagnostics,
        BuildFingerprint? previous, string? fingerprint, FileStamps? seen)
    {
        var config = ConfigLoader.Load(options.SourceRoot, diagnostics);
        if (config is null)
        {
            return Result(diagnostics, null, null, clock);
        }

        if (options.BaseUrl is { } baseUrl)
        {
            config = config with { BaseUrl = baseUrl };
        }

        var recompute = options.WriteOutput && (fingerprint is null || config.Theme != previous!.Theme);
        if (recompute)
        {
            fingerprint = BuildFingerprint.Compute(options, config.Theme, out seen);
        }

        stages.Mark(recompute ? "config and fingerprint" : "config");

        options.Progress?.Report(new BuildProgress("Loading content and data", 0, 0));
        // The build cache and the output manifest are read, and the theme loaded (templates parsed, assets
        // minified), beside the main line: nothing needs the theme before the templates run.
        var cacheRead = options.WriteOutput ? Task.Run(() => Incremental.IncrementalBuild.Start(options)) : null;
        var manifestRead = options.WriteOutput ? Task.Run(() => OutputWriter.ReadManifest(options.ResolvedOutput, options.CacheDirectory)) : null;
        var themeLoad = Task.Run(() => Theme.Load(options.SourceRoot, config, diagnostics));
        var incremental = cacheRead?.GetAwaiter().GetResult();
        stages.Mark("build cache read");
        var loader = new ContentLoader(options.SourceRoot, config, diagnostics, incremental?.Sources, seen?.ToDictionary());
        var sources = loader.Load();
        var contentStatic = loader.StaticFiles();
        var dataLoader = new DataLoader(options.SourceRoot, config, diagnostics);
        var entities = dataLoader.Load();
        stages.Mark("load content and data");
        var filter = new PublishFilter(options.IncludeDrafts, options.IncludeFuture, options.IncludeExpired, options.Now);
        var graph = new GraphBuilder(config, diagnostics).Build(sources, entities, filter, dataLoader.ReferencesOfInvalidRecords);
        var audit = TranslationAudit.ReportAsync(graph, diagnostics, listEach: !options.WriteOutput);
        stages.Mark("site graph");
        var writer = options.WriteOutput
            ? new OutputWriter(options.ResolvedOutput, options.CacheDirectory, graph.Pages.Count, manifestRead!.GetAwaiter().GetResult())
            : null;
        // A first build makes its thousands of output folders beside the Markdown stage, on a thread of its
        // own: made by the rendering threads, folders of one parent contend for its lock. Pages added after
        // the Markdown stage (mention lists) get theirs while rendering, as before.
        var outputPaths = writer is { PreviousFileCount: 0 } ? graph.Pages.Select(p => p.OutputPath).ToArray() : null;
        var folders = outputPaths is null ? null : Task.Run(() => writer!.PrepareFolders(outputPaths));
        options.Progress?.Report(new BuildProgress("Rendering Markdown", 0, 0));
        new MarkdownStage(graph, MarkdownPipelineFactory.Create(), diagnostics, options.SourceRoot, incremental?.Markdown).Run();
        MentionLists.Add(graph);
        audit.GetAwaiter().GetResult();
        stages.Mark("markdown");
        var theme = themeLoad.GetAwaiter().GetResult();
        stages.Mark("theme (what was left of it)");
        if (theme is null)
        {
            folders?.GetAwaiter().GetResult();
            writer?.Abort();
            return Result(diagnostics, graph, null, clock);
        }

        options.Progress?.Report(new BuildProgress("Rendering pages", 0, graph.Pages.Count));
        var pictures = new Pictures.SitePictures(graph, Pictures.SitePictures.LoadMap(options.SourceRoot, theme.Name));
        using var templates = new TemplateStage(graph, theme, diagnostics, pictures);
        templates.CheckLayouts();
        try
        {
            folders?.GetAwaiter().GetResult();
            incremental?.BeforeRender(options, theme.Root, graph, writer!);
            stages.Mark("map, manifest, keys");
            var feedBodies = new List<FeedBody>();
            var outputsHash = Render(options, graph, theme, templates, writer, incremental, diagnostics, CopiedFiles(graph, contentStatic), feedBodies,
                pictures.MapFiles((lang, key) => theme.Strings.Get(lang, key) ?? key).ToList(), stages);
            stages.Mark("feeds, search, assets, staging");
            options.Progress?.Report(new BuildProgress("Writing output", 0, 0));
            if (writer is not null)
            {
                if (diagnostics.HasErrors)
                {
                    writer.Abort();
                    BuildFingerprint.Forget(options);
                }
                else
                {
                    // The cache is encoded while the output is committed; it is written after, with the stamp
                    // of the manifest the commit saved.
                    var cache = incremental is null ? null : Task.Run(() => incremental.Prepare(graph, loader.Loaded, outputsHash));
                    var quick = incremental is null || seen is null ? null : Task.Run(() => Incremental.IncrementalBuild.PrepareQuick(options, config.Theme,
                        BodyFieldReads.Of(theme.Layouts.Values.Concat(theme.Partials.Values)), graph, loader.Loaded, incremental.Markdown, seen, feedBodies));
                    writer.Commit();
                    stages.Mark("commit");
                    if (cache is not null)
                    {
                        cache.GetAwaiter().GetResult().Save(writer.ManifestStamp);
                    }

                    quick?.GetAwaiter().GetResult().Save(writer.ManifestStamp);

                    var result = Result(diagnostics, graph, writer, clock);
                    new BuildFingerprint(fingerprint!, config.Theme, BuildFingerprint.NextTimeBoundary(sources, options.Now),
                        new Dictionary<string, int>(result.PagesByKind), BuildFingerprint.Store(result.Diagnostics)).Save(options);
                    seen?.SaveListing(options);
                }
            }
        }
        catch
        {
            writer?.Abort();
            throw;
        }

        stages.Mark("build cache write");
        return Result(diagnostics, graph, writer, clock) with
        {
            StageTimes = stages.Times,
            Preview = options.KeepForPreview && !diagnostics.HasErrors ? new PreviewRenderer(options, graph, theme, pictures) : null,
        };
    }

    /// <summary>
    /// Deletes what the site's <c>.cloudportal/</c> keeps for one output folder (manifest, fingerprint,
    /// build cache, staging): for a throw-away output such as a preview's, whose state would otherwise
    /// pile up there, one set per folder.
    /// </summary>
    public static void ForgetOutput(BuildOptions options)
    {
        if (!Directory.Exists(options.CacheDirectory))
        {
            return;
        }

        var key = OutputWriter.FolderKey(options.ResolvedOutput);
        foreach (var entry in new DirectoryInfo(options.CacheDirectory).EnumerateFileSystemInfos($"*-{key}*"))
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    /// <summary>The result of the last build again, when neither its inputs nor its output have changed since.</summary>
    private static BuildResult? UpToDate(BuildOptions options, BuildFingerprint previous, string fingerprint, Task<OutputManifest.FileList?> outputFiles)
    {
        if (previous.Inputs != fingerprint || options.Now >= previous.ValidUntil)
        {
            return null;
        }

        if (!OutputWriter.OutputIntact(options.ResolvedOutput, outputFiles.GetAwaiter().GetResult(), out var files))
        {
            return null;
        }

        return new BuildResult(previous.ReplayWarnings().ToList(), previous.PagesByKind, 0, files, 0, TimeSpan.Zero);
    }

    /// <summary>Renders (or, incrementally, keeps) every page, checks links, and stages all files; returns the hash of the set of link targets.</summary>
    private static ulong Render(BuildOptions options, SiteGraph graph, Theme theme, TemplateStage templates, OutputWriter? writer,
        Incremental.IncrementalBuild? incremental, DiagnosticBag diagnostics,
        IReadOnlyList<(string OutputPath, string SourcePath)> copied, List<FeedBody> feedBodies, IReadOnlyList<PublishedFile> pictures, StageClock stages)
    {
        var published = PublishedFiles(graph, options.SitemapUrlsPerFile).Concat(pictures).ToList();
        feedBodies.AddRange(published.SelectMany(f => f.Bodies));
        stages.Mark("feeds, sitemap, pictures");
        var search = graph.Config.SearchEnabled ? new Search.SearchStage(graph) : null;
        var assets = theme.Assets.Files.ToList();
        var keptPaths = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(Environment.ProcessorCount * 8, graph.Pages.Count * 2, StringComparer.Ordinal);
        var checker = new LinkChecker(graph.Config, graph.Pages.Select(p => p.OutputPath)
            .Concat(assets.Select(a => a.OutputPath))
            .Concat(published.Select(f => f.OutputPath))
            .Concat(copied.Select(c => c.OutputPath)),
            path => keptPaths.ContainsKey(path) ? writer!.ReadKept(path) : null);
        var done = 0;
        IndexLoop.ForEach(graph.Pages.Count, index =>
        {
            var page = graph.Pages[index];
            // A few hundred updates per build are enough for a display and cost nothing measurable.
            if (options.Progress is { } progress && Interlocked.Increment(ref done) is var count && (count % 64 == 0 || count == graph.Pages.Count))
            {
                progress.Report(new BuildProgress("Rendering pages", count, graph.Pages.Count));
            }

            if (page.Kind == PageKind.Alias)
            {
                writer?.Add(page.OutputPath, SiteFiles.RedirectPage(graph, page));
                return;
            }

            if (incremental is not null && incremental.TryKeep(page, graph, writer!))
            {
                keptPaths[page.OutputPath] = 0;
                return;
            }

            // The page stays in this thread's buffer while it is checked, indexed and written.
            var output = templates.RenderInPlace(page);
            page.ReleaseBodyHtml();
            if (output is null)
            {
                return;
            }

            var html = output.Written;
            checker.Check(page, html, diagnostics, theme.LayoutPath(templates.LayoutFor(page)));
            incremental?.Rendered(page, checker.IdsHash(page.OutputPath));
            search?.Add(page, html);
            writer?.Add(page.OutputPath, html);
        }, run: 1);

        stages.Mark("pages (templates, link checks)");
        var outputsHash = checker.OutputsHash();
        var kept = graph.Pages.Where(p => p.Kept).ToArray();
        var checkKept = incremental?.KeptPagesNeedChecking(outputsHash) == true;
        if (kept.Length > 0 && checkKept)
        {
            // What a kept page says is on disk: read back for the link check when what its links may
            // point at has changed (and then indexed from it too, since it is in hand).
            IndexLoop.ForEach(kept.Length, index =>
            {
                var page = kept[index];
                var html = writer!.ReadKept(page.OutputPath);
                checker.Check(page, html, diagnostics, theme.LayoutPath(templates.LayoutFor(page)));
                search?.Add(page, html);
            }, run: 1);
        }
        else
        {
            foreach (var page in kept)
            {
                search?.Carry(page);
            }
        }

        checker.CheckAnchors(diagnostics);
        if (writer is null)
        {
            return outputsHash;
        }

        foreach (var file in published)
        {
            writer.Add(file.OutputPath, file.Content);
        }

        foreach (var (path, content) in search?.Build(writer.ReadIntact, page => writer.ReadKept(page.OutputPath)) ?? [])
        {
            writer.Add(path, content);
        }

        foreach (var (path, content) in assets)
        {
            writer.Add(path, content);
        }

        foreach (var (outputPath, sourcePath) in copied)
        {
            writer.Add(outputPath, File.ReadAllBytes(Path.Combine(options.SourceRoot, sourcePath)));
        }

        return outputsHash;
    }

    /// <summary>content/static/ files at the output root, and each page's bundle files beside the page.</summary>
    private static List<(string OutputPath, string SourcePath)> CopiedFiles(SiteGraph graph, IReadOnlyList<string> contentStatic)
    {
        var files = contentStatic
            .Select(f => (f[$"content/{ContentLoader.StaticFolder}/".Length..], f))
            .ToList();
        foreach (var page in graph.Pages.Where(p => p.Kind is PageKind.Article or PageKind.Page && p.Source!.BundleFiles.Count > 0))
        {
            var bundleRoot = page.Source!.Path[..page.Source.Path.LastIndexOf('/')] + "/" + Path.GetFileName(page.Source.Path).Split('.')[0] + "/";
            var folder = page.OutputPath[..(page.OutputPath.LastIndexOf('/') + 1)];
            files.AddRange(page.Source.BundleFiles.Select(f => (folder + f[bundleRoot.Length..], f)));
        }

        return files;
    }

    /// <summary>Feeds per language, the sitemap, robots.txt and, when pages have aliases, _redirects.</summary>
    private static List<PublishedFile> PublishedFiles(SiteGraph graph, int sitemapUrlsPerFile)
    {
        // Independent of each other: written in parallel, collected in this order.
        var writers = new List<Func<IEnumerable<PublishedFile>>>();
        foreach (var language in graph.Config.Languages)
        {
            writers.Add(() => [AtomFeed.Write(graph, language)]);
            writers.Add(() => [JsonFeed.Write(graph, language)]);
        }

        writers.Add(() => Sitemap.Write(graph, sitemapUrlsPerFile));
        writers.Add(() => Knowledge.DataSchemas.Generate(graph.Config.LanguageCodes)
            .Select(s => new PublishedFile($"{Knowledge.DataSchemas.Folder}/{s.FileName}", System.Text.Encoding.UTF8.GetBytes(s.Json))).ToList());
        writers.Add(() => [SiteFiles.Robots(graph)]);
        if (graph.Pages.Any(p => p.Kind == PageKind.Alias))
        {
            writers.Add(() => [SiteFiles.Redirects(graph)]);
        }

        var results = new IEnumerable<PublishedFile>[writers.Count];
        IndexLoop.ForEach(writers.Count, i => results[i] = writers[i]().ToList(), run: 1);
        return results.SelectMany(r => r).ToList();
    }

    private static BuildResult Result(DiagnosticBag diagnostics, SiteGraph? graph, OutputWriter? writer, Stopwatch clock)
    {
        var byKind = (graph?.Pages ?? [])
            .GroupBy(p => p.Kind == PageKind.Entity ? p.Entity!.Kind.Name : p.Kind.ToString().ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
        return new BuildResult(diagnostics.ToSortedList(), byKind, writer?.Written ?? 0, writer?.Unchanged ?? 0, writer?.Removed ?? 0, clock.Elapsed)
        {
            KeptPages = graph?.Pages.Where(p => p.Kept).Select(p => p.OutputPath).Order(StringComparer.Ordinal).ToList() ?? [],
            ChangedFiles = writer?.Changed.Select(p => p.Replace('\\', '/')).ToList() ?? [],
        };
    }
}
