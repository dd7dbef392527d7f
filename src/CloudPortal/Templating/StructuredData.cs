using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CloudPortal.Graph;
using CloudPortal.Knowledge;

namespace CloudPortal.Templating;

/// <summary>
/// schema.org JSON-LD for a page: NewsArticle for articles, Organization for providers, and a
/// BreadcrumbList for every page below a home. Written as JSON (not in a template) so escaping is right;
/// written straight to UTF-8, as every page has one; members with no value are left out.
/// </summary>
internal static class StructuredData
{
    // Keeps Chinese readable but still escapes <, > and & so the JSON cannot close its <script> element.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private static readonly byte[] ScriptStart = "<script type=\"application/ld+json\">"u8.ToArray();
    private static readonly byte[] ScriptEnd = "</script>"u8.ToArray();

    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    public static HtmlContent For(SiteGraph graph, Page page, TemplateFunctions functions, string title)
    {
        var article = page.Kind == PageKind.Article;
        var provider = article ? null : page.Entity as Provider;
        var breadcrumbs = page.Kind != PageKind.Home && page.Kind != PageKind.NotFound;
        if (!article && provider is null && !breadcrumbs)
        {
            return HtmlContent.Empty;
        }

        var config = graph.Config;
        var home = Links.Absolute(config, UrlPaths.Join(config.Language(page.Lang)!.Prefix));
        var siteName = config.Title.In(page.Lang, config.LanguageCodes).Text;
        // The thread's buffer, reused from page to page; the page keeps a copy with the script tags around it.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteStartArray("@graph");
            if (article)
            {
                WriteArticle(json, graph, page, home, siteName);
            }
            else if (provider is not null)
            {
                WriteProvider(json, config, page, provider);
            }

            if (breadcrumbs)
            {
                WriteBreadcrumbs(json, graph, page, functions, home, siteName, title);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return HtmlContent.FromUtf8([.. ScriptStart, .. buffer.WrittenSpan, .. ScriptEnd]);
    }

    private static void WriteArticle(Utf8JsonWriter json, SiteGraph graph, Page page, string home, string? siteName)
    {
        var config = graph.Config;
        var frontMatter = page.Source!.FrontMatter;
        var url = Links.Absolute(config, page.Url);
        json.WriteStartObject();
        json.WriteString("@type", "NewsArticle");
        Text(json, "headline", page.Title);
        Text(json, "description", page.Summary);
        Text(json, "inLanguage", page.Lang);
        Text(json, "url", url);
        Text(json, "mainEntityOfPage", url);
        Text(json, "datePublished", page.Date?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Text(json, "dateModified", (frontMatter.Updated ?? page.Date)?.ToString(DateFormat, CultureInfo.InvariantCulture));
        json.WriteStartArray("author");
        var authors = frontMatter.Authors.Select(a => graph.Entities.Find(a.Kind, a.Id)).OfType<Entity>().ToList();
        foreach (var author in authors)
        {
            json.WriteStartObject();
            json.WriteString("@type", "Person");
            Text(json, "name", author.DisplayName.In(page.Lang, config.LanguageCodes).Text);
            Text(json, "url", Links.Absolute(config, graph.Entities.UrlOf(author, config.Language(page.Lang)!.Prefix)));
            json.WriteEndObject();
        }

        if (authors.Count == 0)
        {
            WritePublisher(json, siteName, home);
        }

        json.WriteEndArray();
        json.WritePropertyName("publisher");
        WritePublisher(json, siteName, home);
        Text(json, "keywords", frontMatter.Tags.Count > 0 ? string.Join(", ", frontMatter.Tags) : null);
        json.WriteEndObject();
    }

    private static void WritePublisher(Utf8JsonWriter json, string? siteName, string home)
    {
        json.WriteStartObject();
        json.WriteString("@type", "Organization");
        Text(json, "name", siteName);
        Text(json, "url", home);
        json.WriteEndObject();
    }

    private static void WriteProvider(Utf8JsonWriter json, Configuration.SiteConfig config, Page page, Provider provider)
    {
        json.WriteStartObject();
        json.WriteString("@type", "Organization");
        Text(json, "name", provider.Name.In(page.Lang, config.LanguageCodes).Text);
        Text(json, "description", provider.Summary.In(page.Lang, config.LanguageCodes).Text);
        Text(json, "url", Links.Absolute(config, page.Url));
        if (provider.Parent is { } parent)
        {
            json.WriteStartObject("parentOrganization");
            json.WriteString("@type", "Organization");
            Text(json, "name", parent.In(page.Lang, config.LanguageCodes).Text);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteBreadcrumbs(Utf8JsonWriter json, SiteGraph graph, Page page, TemplateFunctions functions, string home, string? siteName, string title)
    {
        var crumbs = new List<(string? Name, string Url)>(3) { (siteName, home) };
        if (Section(page) is { } section && graph.Config.Pages.WritesListAt(section))
        {
            var prefix = graph.Config.Language(page.Lang)!.Prefix;
            crumbs.Add((functions.Translate("nav_" + section), Links.Absolute(graph.Config, UrlPaths.Join(prefix, section))));
        }

        if (page.Kind is not (PageKind.ArticleList or PageKind.TagIndex or PageKind.EntityIndex or PageKind.ArchiveIndex) || page.Pager is { Number: > 1 })
        {
            crumbs.Add((title, Links.Absolute(graph.Config, page.Url)));
        }

        json.WriteStartObject();
        json.WriteString("@type", "BreadcrumbList");
        json.WriteStartArray("itemListElement");
        for (var i = 0; i < crumbs.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("@type", "ListItem");
            json.WriteNumber("position", i + 1);
            Text(json, "name", crumbs[i].Name);
            Text(json, "item", crumbs[i].Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? Section(Page page) => page.Kind switch
    {
        PageKind.Article or PageKind.ArticleList => "articles",
        PageKind.Tag or PageKind.TagIndex => "tags",
        PageKind.Archive or PageKind.ArchiveIndex => "archives",
        PageKind.Entity or PageKind.Mentions => page.Entity!.Kind.Folder,
        PageKind.CaseExplorer => "cases",
        PageKind.EntityIndex => page.LayoutSection,
        _ => null,
    };
}
