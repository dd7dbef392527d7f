using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CloudPortal.Graph;
using CloudPortal.Knowledge;

namespace CloudPortal.Templating;

/// <summary>
/// schema.org JSON-LD for a page: NewsArticle for articles, Organization for providers, and a
/// BreadcrumbList for every page below a home. Built as JSON (not in a template) so escaping is right.
/// </summary>
internal static class StructuredData
{
    // Keeps Chinese readable but still escapes <, > and & so the JSON cannot close its <script> element.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    public static HtmlContent For(SiteGraph graph, Page page, TemplateFunctions functions, string title)
    {
        var config = graph.Config;
        var items = new List<object>();
        var home = Links.Absolute(config, UrlPaths.Join(config.Language(page.Lang)!.Prefix));
        var siteName = config.Title.In(page.Lang, config.LanguageCodes).Text;
        var publisher = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = siteName, ["url"] = home };

        if (page.Kind == PageKind.Article)
        {
            var authors = page.Source!.FrontMatter.Authors
                .Select(a => graph.Entities.Find(a.Kind, a.Id))
                .OfType<Entity>()
                .Select(a => (object)new Dictionary<string, object?>
                {
                    ["@type"] = "Person",
                    ["name"] = a.DisplayName.In(page.Lang, config.LanguageCodes).Text,
                    ["url"] = Links.Absolute(config, graph.Entities.UrlOf(a, config.Language(page.Lang)!.Prefix)),
                })
                .ToList();
            items.Add(new Dictionary<string, object?>
            {
                ["@type"] = "NewsArticle",
                ["headline"] = page.Title,
                ["description"] = page.Summary,
                ["inLanguage"] = page.Lang,
                ["url"] = Links.Absolute(config, page.Url),
                ["mainEntityOfPage"] = Links.Absolute(config, page.Url),
                ["datePublished"] = page.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                ["dateModified"] = (page.Source.FrontMatter.Updated ?? page.Date)?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                ["author"] = authors.Count > 0 ? authors : new List<object> { publisher },
                ["publisher"] = publisher,
                ["keywords"] = page.Source.FrontMatter.Tags.Count > 0 ? string.Join(", ", page.Source.FrontMatter.Tags) : null,
            });
        }
        else if (page.Entity is Provider provider)
        {
            items.Add(new Dictionary<string, object?>
            {
                ["@type"] = "Organization",
                ["name"] = provider.Name.In(page.Lang, config.LanguageCodes).Text,
                ["description"] = provider.Summary.In(page.Lang, config.LanguageCodes).Text,
                ["url"] = Links.Absolute(config, page.Url),
                ["parentOrganization"] = provider.Parent is null ? null : new Dictionary<string, object?>
                {
                    ["@type"] = "Organization",
                    ["name"] = provider.Parent.In(page.Lang, config.LanguageCodes).Text,
                },
            });
        }

        if (page.Kind != PageKind.Home && page.Kind != PageKind.NotFound)
        {
            items.Add(Breadcrumbs(graph, page, functions, home, siteName, title));
        }

        if (items.Count == 0)
        {
            return HtmlContent.Empty;
        }

        var document = new Dictionary<string, object?> { ["@context"] = "https://schema.org", ["@graph"] = items };
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, document);
        }

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return new HtmlContent($"<script type=\"application/ld+json\">{json}</script>");
    }

    private static Dictionary<string, object?> Breadcrumbs(SiteGraph graph, Page page, TemplateFunctions functions, string home, string siteName, string title)
    {
        var crumbs = new List<(string Name, string Url)> { (siteName, home) };
        var section = Section(page);
        if (section is not null)
        {
            var prefix = graph.Config.Language(page.Lang)!.Prefix;
            crumbs.Add((functions.Translate("nav_" + section), Links.Absolute(graph.Config, UrlPaths.Join(prefix, section))));
        }

        if (page.Kind is not (PageKind.ArticleList or PageKind.TagIndex or PageKind.EntityIndex or PageKind.ArchiveIndex) || page.Pager is { Number: > 1 })
        {
            crumbs.Add((title, Links.Absolute(graph.Config, page.Url)));
        }

        return new Dictionary<string, object?>
        {
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = crumbs.Select((c, i) => (object)new Dictionary<string, object?>
            {
                ["@type"] = "ListItem",
                ["position"] = i + 1,
                ["name"] = c.Name,
                ["item"] = c.Url,
            }).ToList(),
        };
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

    /// <summary>
    /// Writes the document's dictionaries, lists, strings and numbers, dropping null members so the
    /// JSON-LD carries only what is known. Written directly: every page has one, and the serializer's
    /// reflection over <c>object</c> values cost more than the rest of the page model.
    /// </summary>
    private static void Write(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case Dictionary<string, object?> node:
                writer.WriteStartObject();
                foreach (var (key, member) in node)
                {
                    if (member is not null)
                    {
                        writer.WritePropertyName(key);
                        Write(writer, member);
                    }
                }

                writer.WriteEndObject();
                break;
            case List<object> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            default:
                throw new InvalidOperationException($"JSON-LD has no rule for a {value.GetType().Name}");
        }
    }
}
