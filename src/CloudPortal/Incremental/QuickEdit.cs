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
        if (outputFiles is null || options.Now >= previous.ValidUntil
            || QuickEditIndex.Load(QuickEditIndex.PathFor(options.CacheDirectory, options.ResolvedOutput)) is not { } index
            || index.Options != QuickEditIndex.OptionsOf(options, previous.Theme)
            || index.ManifestStamp != XxHash64.HashToUInt64(outputFiles.Text)
            || Changed(index, seen) is not { Count: > 0 } changed)
        {
            return null;
        }

        // The output is checked while the config is read and the bodies render: stats beside parsing.
        var intact = Task.Run(() => OutputWriter.OutputIntact(options.ResolvedOutput, outputFiles, out _));
        var configProblems = new DiagnosticBag();
        var configLoad = Task.Run(() => ConfigLoader.Load(options.SourceRoot, configProblems));
        var entries = new QuickEntry[changed.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            if (index.Entry(changed[i], seen.Paths[changed[i]]) is not { } entry)
            {
                return null;
            }

            entries[i] = entry;
        }

        if (configLoad.GetAwaiter().GetResult() is not { } config || configProblems.HasErrors)
        {
            return null;
        }

        if (options.BaseUrl is { } baseUrl)
        {
            config = config with { BaseUrl = baseUrl };
        }

        stages.Mark("quick edit: index and config");
        var pipeline = MarkdownPipelineFactory.Create();
        var bodies = new List<(int File, QuickEntry Entry, byte[] Body, CachedMarkdown Facts, Page Page)>();
        for (var i = 0; i < changed.Count; i++)
        {
            if (Render(options, config, pipeline, index, entries[i]) is not var (body, facts, page))
            {
                return null;
            }

            bodies.Add((changed[i], entries[i], body, facts, page));
        }

        stages.Mark("quick edit: bodies");
        if (!intact.GetAwaiter().GetResult())
        {
            return null;
        }

        var files = new List<(string Path, byte[] Content)>();
        var updates = new List<(int File, long Size, long Mtime, QuickEntry Entry)>();
        var replaced = new Dictionary<int, (byte[] Before, byte[] After)>();
        var documents = new List<Search.SearchDocument>();
        foreach (var (file, entry, body, facts, page) in bodies)
        {
            if (Splice(options, entry, body) is not var (html, before))
            {
                return null;
            }

            if (config.SearchEnabled && Search.SearchStage.DocumentOf(config, page, html) is { } document)
            {
                documents.Add(document);
            }

            files.Add((entry.OutputPath, html));
            updates.Add((file, seen.Sizes[file], seen.MtimeTicks[file], entry with { BodyLength = body.Length, BodyHash = facts.BodyHash }));
            replaced[file] = (before, body);
        }

        var feeds = new List<QuickFeed>();
        foreach (var feed in index.Feeds.Where(f => f.Rows.Any(r => replaced.ContainsKey(r.File))))
        {
            if (SpliceFeed(options, config, feed, replaced) is not var (bytes, rows))
            {
                return null;
            }

            files.Add((feed.FeedPath, bytes));
            feeds.Add(rows);
        }

        if (documents.Count > 0)
        {
            if (SearchIndexWith(options, outputFiles, documents) is not { } searchFiles)
            {
                return null;
            }

            files.AddRange(searchFiles);
        }

        // Every feed that holds an edited body was found and written.
        foreach (var (file, entry, _, _, _) in bodies)
        {
            if (feeds.Sum(f => f.Rows.Count(r => r.File == file)) != entry.Feeds)
            {
                return null;
            }
        }

        stages.Mark("quick edit: pages, feeds, search");
        var (stamp, written) = OutputWriter.Patch(options.ResolvedOutput, options.CacheDirectory, outputFiles, files);
        // Only the pages: the cache keys nothing else, and its note of forgotten paths grows with each quick edit.
        BuildCache.ForgetPages(BuildCache.PathFor(options.CacheDirectory, options.ResolvedOutput), updates.Select(u => u.Entry.OutputPath).ToList(), index.ManifestStamp, stamp);
        index.Update(updates, feeds, stamp);
        previous.SaveWithInputs(options, fingerprint);
        seen.SaveListing(options);
        stages.Mark("quick edit: written");
        return new BuildResult(previous.ReplayWarnings().ToList(), previous.PagesByKind, written.Count, outputFiles.Count - written.Count, 0, clock.Elapsed)
        {
            ChangedFiles = written,
            QuickEdit = true,
            StageTimes = stages.Times,
        };
    }

    /// <summary>The Markdown files (by index in the file list) changed since the last build, or null when anything else changed, a file came or went, or too many changed.</summary>
    private static List<int>? Changed(QuickEditIndex index, FileStamps seen)
    {
        if (seen.Paths.Length != index.Sizes.Length || seen.Config != index.Config || QuickEditIndex.HashOfPaths(seen.Paths) != index.PathsHash)
        {
            return null;
        }

        var changed = new List<int>();
        for (var i = 0; i < seen.Paths.Length; i++)
        {
            if (seen.Sizes[i] == index.Sizes[i] && seen.MtimeTicks[i] == index.MtimeTicks[i])
            {
                continue;
            }

            if (index.EntryOffsets[i] < 0 || seen.Sizes[i] < 0 || changed.Count == MostFiles)
            {
                return null;
            }

            changed.Add(i);
        }

        return changed;
    }

    /// <summary>The new body's HTML and facts, or null when the edit is more than its body.</summary>
    private static (byte[] Body, CachedMarkdown Facts, Page Page)? Render(BuildOptions options, SiteConfig config, Markdig.MarkdownPipeline pipeline,
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
        if (page.Kind != entry.Kind || page.Url != entry.Url || page.Title != entry.Title)
        {
            return null;
        }

        var problems = new DiagnosticBag();
        var markdown = new MarkdownCache(default, new Dictionary<string, CachedMarkdown>());
        var graph = GraphOf(options, config, page, entry, problems);
        var body = graph is null ? null : new MarkdownStage(graph, pipeline, problems, options.SourceRoot, markdown).Render(page);
        return body is null || problems.ToSortedList().Count > 0 || markdown.Current(entry.SourcePath) is not { } facts
            || QuickEntry.Shown(facts, index.Reads) != entry.ShownHash
            ? null
            : (body, facts, page);
    }

    /// <summary>
    /// The page's HTML with the new body in place of the old, and the old body; null when its output is not
    /// what the index says or its links or ids change.
    /// </summary>
    private static (byte[] Html, byte[] Before)? Splice(BuildOptions options, QuickEntry entry, byte[] body)
    {
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
        return SameLinks(before, html) ? (html, before.AsSpan(entry.BodyStart, entry.BodyLength).ToArray()) : null;
    }

    /// <summary>
    /// A full-content feed with the edited bodies in place of the old, and where it now holds each body;
    /// null when a body in the feed is not, as escaped for it, the old body of the page.
    /// </summary>
    private static (byte[] Bytes, QuickFeed Rows)? SpliceFeed(BuildOptions options, SiteConfig config, QuickFeed feed,
        IReadOnlyDictionary<int, (byte[] Before, byte[] After)> replaced)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Path.GetFullPath(options.ResolvedOutput), feed.FeedPath));
        var spliced = new MemoryStream(bytes.Length + 4096);
        var rows = new QuickFeed.Row[feed.Rows.Length];
        var at = 0;
        for (var i = 0; i < feed.Rows.Length; i++)
        {
            var row = feed.Rows[i];
            if (row.Start < at || row.Start + row.Length > bytes.Length)
            {
                return null;
            }

            spliced.Write(bytes, at, row.Start - at);
            var start = (int)spliced.Position;
            if (replaced.TryGetValue(row.File, out var body))
            {
                var old = Publishing.FeedBodies.Encode(feed.FeedPath, Publishing.FeedBodies.AbsoluteHtml(config, body.Before));
                if (!bytes.AsSpan(row.Start, row.Length).SequenceEqual(old))
                {
                    return null;
                }

                spliced.Write(Publishing.FeedBodies.Encode(feed.FeedPath, Publishing.FeedBodies.AbsoluteHtml(config, body.After)));
            }
            else
            {
                spliced.Write(bytes, row.Start, row.Length);
            }

            rows[i] = row with { Start = start, Length = (int)spliced.Position - start };
            at = row.Start + row.Length;
        }

        spliced.Write(bytes, at, bytes.Length - at);
        return (spliced.ToArray(), feed with { Rows = rows });
    }

    /// <summary>
    /// The search index files of the edited pages' languages, with their new documents and every other
    /// document carried from the last build's index (<see cref="Search.SearchIndexWriter"/> writes the
    /// same files as indexing every page anew). Null when that index cannot be read, does not hold an
    /// edited page as it is (kind, title), or would now be split into other files than before.
    /// </summary>
    private static List<(string Path, byte[] Content)>? SearchIndexWith(BuildOptions options, OutputManifest.FileList outputFiles,
        IReadOnlyList<Search.SearchDocument> documents)
    {
        var root = Path.GetFullPath(options.ResolvedOutput);
        var files = new List<(string Path, byte[] Content)>();
        foreach (var language in documents.GroupBy(d => d.Lang, StringComparer.Ordinal))
        {
            var previous = Search.PreviousIndex.Read(language.Key, path => File.Exists(Path.Combine(root, path)) ? File.ReadAllBytes(Path.Combine(root, path)) : null);
            var edited = language.ToDictionary(d => d.Url, StringComparer.Ordinal);
            if (previous is null || edited.Values.Any(d => !previous.ByUrl.TryGetValue(d.Url, out var id)
                || previous.Documents[id].Kind != d.Kind || previous.Documents[id].Title != d.Title))
            {
                return null;
            }

            var writer = new Search.SearchIndexWriter();
            writer.UsePrevious(previous);
            foreach (var (url, title, kind, _) in previous.Documents.Where(d => !edited.ContainsKey(d.Url)))
            {
                writer.AddCarried(language.Key, url, kind, title);
            }

            foreach (var document in edited.Values)
            {
                writer.Add(document);
            }

            var built = writer.Build();
            var folder = Search.SearchStage.IndexFolder(language.Key);
            var before = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < outputFiles.Count; i++)
            {
                var path = System.Text.Encoding.UTF8.GetString(outputFiles.PathOf(i));
                if (path.StartsWith(folder, StringComparison.Ordinal))
                {
                    before.Add(path);
                }
            }

            if (!before.SetEquals(built.Select(f => f.OutputPath)))
            {
                return null;
            }

            files.AddRange(built);
        }

        return files;
    }

    /// <summary>
    /// The graph a body renders against, cut down to what it named last time: the page, the articles it
    /// linked to (as they were, since no other file changed), and the records when it named any. A name
    /// it did not use before is not found here, and the edit goes to the full build.
    /// </summary>
    private static SiteGraph? GraphOf(BuildOptions options, SiteConfig config, Page page, QuickEntry facts, DiagnosticBag problems)
    {
        var pages = new List<Page> { page };
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, url, title) in facts.ArticleLinks)
        {
            var key = "articles/" + id;
            if (!named.Add(id) || key == page.TranslationKey)
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
