using CloudPortal.Graph;

namespace CloudPortal.Incremental;

/// <summary>
/// A page's render key: a hash of everything its layout can read of it — its own fields, front matter and
/// body, and of the pages it names (translations, related articles, list items, for a record the pages
/// and records that mention it) the fields a link to them shows — on top of the site-wide key, which
/// covers the theme, the config and every data record. Equal keys mean equal HTML, so the page need not
/// render again. Pages that read more of the graph than that (indexes of records with their pictures,
/// the indexes of tags and archives, the 404 page) have no key and always render; there are few of them.
/// </summary>
internal static class RenderKeys
{
    // One buffer per thread: a key is hashed from bytes written in one piece, not from many small appends.
    [ThreadStatic]
    private static (MemoryStream Stream, BinaryWriter Writer)? _buffer;

    [ThreadStatic]
    private static (MemoryStream Stream, BinaryWriter Writer)? _cardBuffer;

    /// <summary>The key of a page, or null when it has none and must always render.</summary>
    public static Hash128? For(Page page, Hash128 siteKey, SiteGraph graph, IReadOnlyDictionary<Page, Hash128> cards,
        System.Collections.Concurrent.ConcurrentDictionary<(Knowledge.Entity, string), Hash128> mentions)
    {
        // The case explorer lists record pages, each shown with its record's model; other lists show pages' cards.
        var listsRecords = page.Kind == PageKind.CaseExplorer;
        if (page.Kind is not (PageKind.Article or PageKind.Page or PageKind.Home or PageKind.ArticleList or PageKind.Tag or PageKind.Archive
                or PageKind.Mentions or PageKind.Entity or PageKind.CaseExplorer)
            || page.Listed.Any(p => listsRecords ? p.Kind != PageKind.Entity : p.Kind is not (PageKind.Article or PageKind.Page)))
        {
            return null;
        }

        var (stream, writer) = _buffer ??= Buffer();
        stream.SetLength(0);
        writer.Write(siteKey);
        // What a link to the page shows (kind, URL, title, language, date, summary, count), then the rest.
        writer.Write(cards.TryGetValue(page, out var own) ? own : Card(page));
        writer.Write(page.LayoutSection);
        writer.Write(page.TranslationKey);
        writer.WriteNullable(page.Tag);
        writer.WriteNullable(page.Entity is null ? null : EntityIndex.Key(page.Entity));
        writer.Write(page.Period?.Year ?? 0);
        writer.Write(page.Period?.Month ?? 0);
        writer.Write(page.Pager is { } pager ? $"{pager.Number}/{pager.Total} {pager.FirstUrl} {pager.PrevUrl} {pager.NextUrl}" : "");
        writer.Write(page.Counts.CjkCharacters);
        writer.Write(page.Counts.Words);
        writer.Write(page.BodyHash);
        writer.WriteList(page.Toc, (w, e) => w.Write($"{e.Level} {e.Id} {e.Text}"));
        writer.WriteStrings(page.MentionedEntities);
        if (page.Source is { } source)
        {
            // Everything the front matter says (hashed when the file was read).
            writer.Write(source.FrontMatterHash);
            writer.WriteStrings(source.BundleFiles);
        }

        void Cards(IReadOnlyList<Page> pages)
        {
            writer.Write(pages.Count);
            foreach (var p in pages)
            {
                // A page outside the graph (one that lost a URL clash) still shows where it is linked.
                writer.Write(cards.TryGetValue(p, out var card) ? card : Card(p));
            }
        }

        Cards(page.Translations);
        Cards(page.Related);
        Cards(page.Listed);
        if (page.Entity is { } entity)
        {
            writer.Write(mentions.GetOrAdd((entity, page.Lang), key => Mentions(key.Item1, key.Item2, graph, cards)));
        }

        if (listsRecords)
        {
            // The filter shown, and for each listed record what its model shows of its mentions; the
            // facets and records themselves come from data, which the site key covers.
            writer.Write(page.Filter?.UrlPath("") ?? "");
            foreach (var listed in page.Listed)
            {
                writer.Write(mentions.GetOrAdd((listed.Entity!, page.Lang), key => Mentions(key.Item1, key.Item2, graph, cards)));
            }
        }

        writer.Flush();
        return Hash128.Of(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    /// <summary>
    /// What a record's model shows of the pages and records that mention it (see <c>EntityModels.Base</c>):
    /// the first page of articles and their count, the articles a person wrote, and the records citing it.
    /// Computed once per record and language, since a record's mention list may run to many pages.
    /// </summary>
    private static Hash128 Mentions(Knowledge.Entity entity, string lang, SiteGraph graph, IReadOnlyDictionary<Page, Hash128> cards)
    {
        var hash = new System.IO.Hashing.XxHash128();
        void Add(Page p)
        {
            Span<byte> bytes = stackalloc byte[Hash128.Size];
            (cards.TryGetValue(p, out var card) ? card : Card(p)).WriteTo(bytes);
            hash.Append(bytes);
        }

        var articles = graph.Backlinks.PagesMentioning(entity, lang).Where(p => p.Kind == PageKind.Article).ToList();
        foreach (var article in articles.Take(graph.Config.PageSize))
        {
            Add(article);
        }

        hash.Append(BitConverter.GetBytes(articles.Count));
        if (entity is Knowledge.Person)
        {
            foreach (var article in articles.Where(p => p.Source!.FrontMatter.Authors.Any(a => a.Id == entity.Id)))
            {
                Add(article);
            }
        }

        foreach (var citing in graph.Backlinks.EntitiesMentioning(entity))
        {
            hash.Append(System.Text.Encoding.UTF8.GetBytes(EntityIndex.Key(citing) + "\n"));
        }

        return Hash128.Of(hash);
    }

    /// <summary>
    /// The hash of what a link to a page shows (title, URL, date, summary, language, count), computed once
    /// per page and build, since a page appears in many lists.
    /// </summary>
    public static Hash128 Card(Page page)
    {
        var (stream, writer) = _cardBuffer ??= Buffer();
        stream.SetLength(0);
        writer.Write((int)page.Kind);
        writer.Write(page.Url);
        writer.Write(page.Title);
        writer.Write(page.Lang);
        writer.WriteNullable(page.Date);
        writer.WriteNullable(page.Summary);
        writer.Write(page.ListTotal);
        writer.Flush();
        return Hash128.Of(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    private static (MemoryStream, BinaryWriter) Buffer()
    {
        var stream = new MemoryStream(4096);
        return (stream, CacheBinary.Writer(stream));
    }
}
