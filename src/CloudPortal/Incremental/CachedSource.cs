using CloudPortal.Diagnostics;
using CloudPortal.Graph;
using CloudPortal.Loading;

namespace CloudPortal.Incremental;

/// <summary>
/// What the last build learnt from one Markdown file: its front matter (valid while the file's size and
/// modification time are unchanged) and, when <see cref="Markdown"/> is set, the facts of its rendered
/// body (valid while <see cref="CachedMarkdown.Key"/> matches and every article it links to resolves as before).
/// </summary>
internal sealed record CachedSource(long Size, long MtimeTicks, SourcePage Page, IReadOnlyList<Diagnostic> Warnings)
{
    public CachedMarkdown? Markdown { get; init; }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Size);
        writer.Write(MtimeTicks);
        WritePage(writer, Page);
        writer.Write(Page.FrontMatterHash);
        writer.WriteList(Warnings, (w, d) => w.Write(d));
        writer.Write(Markdown is not null);
        Markdown?.Write(writer, Page.Path);
    }

    public static CachedSource Read(BinaryReader reader)
    {
        var size = reader.ReadInt64();
        var mtime = reader.ReadInt64();
        var page = ReadPage(reader);
        var warnings = reader.ReadList(r => r.ReadDiagnostic());
        var markdown = reader.ReadBoolean() ? CachedMarkdown.Read(reader, page.Path) : null;
        return new CachedSource(size, mtime, page, warnings) { Markdown = markdown };
    }

    /// <summary>The hash of what <see cref="WritePage"/> writes: everything the file says but its body.</summary>
    [ThreadStatic]
    private static MemoryStream? t_stream;

    public static Hash128 HashOf(SourcePage page)
    {
        // The thread's stream, reused from file to file: only its bytes are hashed.
        var stream = t_stream ??= new MemoryStream(1024);
        stream.SetLength(0);
        using (var writer = CacheBinary.Writer(stream))
        {
            WritePage(writer, page);
        }

        return Hash128.Of(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    // The body is not kept: a page whose body must render again reads its file again.
    internal static void WritePage(BinaryWriter writer, SourcePage page)
    {
        writer.Write(page.Path);
        writer.Write(page.Section);
        writer.Write(page.Slug);
        writer.Write(page.Lang);
        writer.Write(page.BodyLine);
        var fm = page.FrontMatter;
        writer.Write(fm.Title);
        writer.WriteNullable(fm.Date);
        writer.WriteNullable(fm.Updated);
        writer.WriteNullable(fm.Expires);
        writer.WriteNullable(fm.Summary);
        writer.WriteStrings(fm.Tags);
        foreach (var list in new[] { fm.Providers, fm.Cases, fm.People, fm.Sources, fm.Countries, fm.Organisations, fm.Authors })
        {
            writer.WriteList(list, (w, r) =>
            {
                w.Write(r.Kind);
                w.Write(r.Id);
                w.Write(r.Location, page.Path);
            });
        }

        writer.WriteStrings(fm.Aliases);
        writer.WriteNullable(fm.Slug);
        writer.WriteNullable(fm.Layout);
        writer.Write(fm.Draft);
        writer.WriteNullable(fm.TranslationKey);
        writer.WriteNullable(fm.Lang);
        writer.Write(fm.LayoutAt, page.Path);
        writer.Write(fm.AliasesAt, page.Path);
    }

    private static SourcePage ReadPage(BinaryReader reader)
    {
        var path = reader.ReadString();
        var section = reader.ReadString();
        var slug = reader.ReadString();
        var lang = reader.ReadString();
        var bodyLine = reader.ReadInt32();
        var title = reader.ReadString();
        var date = reader.ReadNullableDate();
        var updated = reader.ReadNullableDate();
        var expires = reader.ReadNullableDate();
        var summary = reader.ReadNullableString();
        var tags = reader.ReadStrings();
        var references = new Knowledge.Reference[7][];
        for (var i = 0; i < references.Length; i++)
        {
            references[i] = reader.ReadList(r => new Knowledge.Reference(r.ReadString(), r.ReadString(), r.ReadLocation(path)));
        }

        var aliases = reader.ReadStrings();
        var frontMatter = new PageFrontMatter(title, date, updated, expires, summary, tags,
            references[0], references[1], references[2], references[3], references[4], references[5], references[6],
            aliases, reader.ReadNullableString(), reader.ReadNullableString(), reader.ReadBoolean(), reader.ReadNullableString(),
            reader.ReadNullableString(), reader.ReadLocation(path), reader.ReadLocation(path));
        // The hash follows the page (see Write): read here, so the page is made once, not copied to take it.
        return new SourcePage(path, section, slug, lang, frontMatter, Body: "", bodyLine) { BodyFromCache = true, FrontMatterHash = reader.ReadHash128() };
    }
}

/// <summary>The facts the Markdown stage records about a body, so that an unchanged body need not render to be listed, counted or linked.</summary>
internal sealed record CachedMarkdown(
    Hash128 Key,
    Hash128 BodyHash,
    string? Summary,
    Text.ScriptCounter.Counts Counts,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<(string Url, SourceLocation At)> BodyLinks,
    IReadOnlyList<string> BodyEntities,
    IReadOnlyList<(string Id, string Url, string Title)> ArticleLinks)
{
    public void Write(BinaryWriter writer, string file)
    {
        writer.Write(Key);
        writer.Write(BodyHash);
        writer.WriteNullable(Summary);
        writer.Write(Counts.CjkCharacters);
        writer.Write(Counts.Words);
        writer.WriteList(Toc, (w, e) =>
        {
            w.Write(e.Level);
            w.Write(e.Id);
            w.Write(e.Text);
        });
        writer.WriteList(BodyLinks, (w, l) =>
        {
            w.Write(l.Url);
            w.Write(l.At, file);
        });
        writer.WriteStrings(BodyEntities);
        writer.WriteList(ArticleLinks, (w, a) =>
        {
            w.Write(a.Id);
            w.Write(a.Url);
            w.Write(a.Title);
        });
    }

    public static CachedMarkdown Read(BinaryReader reader, string file) => new(
        reader.ReadHash128(),
        reader.ReadHash128(),
        reader.ReadNullableString(),
        new Text.ScriptCounter.Counts(reader.ReadInt32(), reader.ReadInt32()),
        reader.ReadList(r => new TocEntry(r.ReadInt32(), r.ReadString(), r.ReadString())),
        reader.ReadList(r => (r.ReadString(), r.ReadLocation(file))),
        reader.ReadStrings(),
        reader.ReadList(r => (r.ReadString(), r.ReadString(), r.ReadString())));
}
