using System.Diagnostics;
using System.IO.Hashing;
using CloudPortal.Build;
using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Loading;
using CloudPortal.Markdown;
using CloudPortal.Output;
using CloudPortal.Templating;

namespace CloudPortal.Incremental;

/// <summary>
/// A rebuild after an edit to the body of an article or page, and nothing else, without the site graph.
/// When the file's front matter is unchanged, and its body's new facts are those the rest of the site
/// shows of it (summary, links, the records and articles it names; its contents and word counts too when
/// a template can read them, see <see cref="BodyFieldReads"/>), then only the page's own HTML changes, and
/// only where its layout printed the body: the new body goes there, between the bytes before and after it.
/// Any other change, or anything this cannot show to be so, leaves the work to the full build, which
/// writes the same bytes more slowly.
/// </summary>
internal static class QuickEdit
{
    // More files than this changed at once (a checkout, a search and replace): the full build is as quick.
    private const int MostFiles = 16;

    public static BuildResult? TryBuild(BuildOptions options, BuildFingerprint previous, string fingerprint, FileStamps seen,
        OutputManifest.FileList? outputFiles, Stopwatch clock, StageClock stages)
    {
        var indexPath = QuickEditIndex.PathFor(options.CacheDirectory, options.ResolvedOutput);
        if (outputFiles is null || options.Now >= previous.ValidUntil)
        {
            return null;
        }

        // The index and the config are read while the output is checked: decoding and parsing beside
        // waiting on stats.
        var configProblems = new DiagnosticBag();
        var configLoad = Task.Run(() => ConfigLoader.Load(options.SourceRoot, configProblems));
        var reading = Task.Run(() => QuickEditIndex.Load(indexPath) is { } loaded
            && loaded.Options == QuickEditIndex.OptionsOf(options, previous.Theme)
            && loaded.ManifestStamp == XxHash64.HashToUInt64(outputFiles.Text)
            && Changed(loaded, seen) is { Count: > 0 } files ? (loaded, files) : default);
        var intact = OutputWriter.OutputIntact(options.ResolvedOutput, outputFiles, out _);
        if (!intact || reading.GetAwaiter().GetResult() is not ({ } index, { } changed))
        {
            return null;
        }

        stages.Mark("quick edit: index and output checked");
        if (configLoad.GetAwaiter().GetResult() is not { } config || configProblems.HasErrors)
        {
            return null;
        }

        if (options.BaseUrl is { } baseUrl)
        {
            config = config with { BaseUrl = baseUrl };
        }

        stages.Mark("quick edit: config");
        var pipeline = MarkdownPipelineFactory.Create();
        var files = new List<(string Path, byte[] Content)>();
        var updated = new Dictionary<string, QuickEntry>(StringComparer.Ordinal);
        foreach (var path in changed)
        {
            if (Rewrite(options, config, pipeline, index, index.Entry(path)) is not var (html, entry))
            {
                return null;
            }

            files.Add((entry.OutputPath, html));
            updated[path] = entry;
        }

        stages.Mark("quick edit: bodies");
        // The next index is encoded while the files are written; it takes the new manifest's stamp after.
        var nextIndex = Task.Run(() => QuickEditIndex.WriteAside(indexPath, index.Options, index.Reads, seen, seen.Config, index.EntriesWith(updated)));
        var (stamp, written) = OutputWriter.Patch(options.ResolvedOutput, options.CacheDirectory, outputFiles, files);
        stages.Mark("quick edit: files and manifest");
        BuildCache.ForgetPages(BuildCache.PathFor(options.CacheDirectory, options.ResolvedOutput), files.Select(f => f.Path).ToList(), index.ManifestStamp, stamp);
        nextIndex.GetAwaiter().GetResult().Save(stamp);
        new BuildFingerprint(fingerprint, previous.Theme, previous.ValidUntil, previous.PagesByKind, previous.Warnings).Save(options);
        stages.Mark("quick edit: output");
        return new BuildResult(previous.ReplayWarnings().ToList(), previous.PagesByKind, written.Count, outputFiles.Count - written.Count, 0, clock.Elapsed)
        {
            ChangedFiles = written,
            QuickEdit = true,
            StageTimes = stages.Times,
        };
    }

    /// <summary>The Markdown files changed since the last build, or null when anything else changed, a file came or went, or too many changed.</summary>
    private static List<string>? Changed(QuickEditIndex index, FileStamps seen)
    {
        if (seen.Paths.Length != index.Paths.Length || seen.Config != index.Config)
        {
            return null;
        }

        var changed = new List<string>();
        for (var i = 0; i < seen.Paths.Length; i++)
        {
            if (!string.Equals(seen.Paths[i], index.Paths[i], StringComparison.Ordinal))
            {
                return null;
            }

            if ((seen.Sizes[i] != index.Sizes[i] || seen.MtimeTicks[i] != index.MtimeTicks[i])
                && (!index.HasEntry(seen.Paths[i]) || changed.Count == MostFiles || seen.Sizes[i] < 0))
            {
                return null;
            }

            if (seen.Sizes[i] != index.Sizes[i] || seen.MtimeTicks[i] != index.MtimeTicks[i])
            {
                changed.Add(seen.Paths[i]);
            }
        }

        return changed;
    }

    /// <summary>The page's new HTML and index entry, or null when the edit is more than its body.</summary>
    private static (byte[] Html, QuickEntry Entry)? Rewrite(BuildOptions options, SiteConfig config, Markdig.MarkdownPipeline pipeline,
        QuickEditIndex index, QuickEntry entry)
    {
        var found = new DiagnosticBag();
        var section = entry.SourcePath.Split('/')[1];
        var source = ContentLoader.ParseFile(Path.Combine(options.SourceRoot, entry.SourcePath), section, entry.SourcePath, config, found);
        if (source is null || found.HasErrors || source.FrontMatterHash != entry.FrontMatterHash || !found.ToSortedList().SequenceEqual(entry.Warnings))
        {
            return null;
        }

        var page = GraphBuilder.ContentPage(source, Permalinks.Expand(config, source));
        if (page.Kind != entry.Kind || page.Url != entry.Url || page.Title != entry.Title || page.OutputPath != entry.OutputPath)
        {
            return null;
        }

        var problems = new DiagnosticBag();
        var markdown = new MarkdownCache(default, new Dictionary<string, CachedMarkdown>());
        var graph = GraphOf(options, config, page, entry, problems);
        var body = graph is null ? null : new MarkdownStage(graph, pipeline, problems, options.SourceRoot, markdown).Render(page);
        if (body is null || problems.ToSortedList().Count > 0 || markdown.Current(entry.SourcePath) is not { } facts
            || QuickEntry.Shown(facts, index.Reads) != entry.ShownHash)
        {
            return null;
        }

        var before = File.ReadAllBytes(Path.Combine(Path.GetFullPath(options.ResolvedOutput), entry.OutputPath));
        if (entry.BodyStart < 0 || entry.BodyStart + entry.BodyLength > before.Length
            || Hash128.Of(before.AsSpan(entry.BodyStart, entry.BodyLength)) != entry.BodyHash)
        {
            return null;
        }

        var html = new byte[before.Length - entry.BodyLength + body.Length];
        before.AsSpan(0, entry.BodyStart).CopyTo(html);
        body.CopyTo(html.AsSpan(entry.BodyStart));
        before.AsSpan(entry.BodyStart + entry.BodyLength).CopyTo(html.AsSpan(entry.BodyStart + body.Length));
        return SameLinks(before, html) ? (html, entry with { BodyLength = body.Length, BodyHash = facts.BodyHash }) : null;
    }

    /// <summary>
    /// The graph a body renders against, cut down to what it named last time: the page, the articles it
    /// linked to (as they were, since no other file changed), and the records when it named any. A name
    /// it did not use before is not found here, and the edit goes to the full build.
    /// </summary>
    private static SiteGraph? GraphOf(BuildOptions options, SiteConfig config, Page page, QuickEntry facts, DiagnosticBag problems)
    {
        var pages = new List<Page> { page };
        foreach (var (id, url, title) in facts.ArticleLinks.DistinctBy(a => a.Id))
        {
            var key = "articles/" + id;
            if (key == page.TranslationKey)
            {
                continue;
            }

            if (pages.Any(p => p.Url == url))
            {
                return null;
            }

            pages.Add(new Page(PageKind.Article, page.Lang, url, title, "article", key));
        }

        var entities = facts.BodyEntities.Count > 0 ? new DataLoader(options.SourceRoot, config, problems).Load() : [];
        return problems.HasErrors ? null : new SiteGraph(config, pages, new EntityIndex(entities, problems), new Backlinks(), new Dictionary<(string, string), string>());
    }

    /// <summary>
    /// True when the page links to the same places and has the same element ids as before: the link check
    /// the last build made of it, and of the anchors other pages point at in it, still holds.
    /// </summary>
    private static bool SameLinks(byte[] before, byte[] after) =>
        new[] { Html.LinkChecker.Id, Html.LinkChecker.Href, Html.LinkChecker.Src, Html.LinkChecker.Data }
            .All(attribute => Html.LinkChecker.Values(before, attribute).SequenceEqual(Html.LinkChecker.Values(after, attribute)));
}
