using System.Text.Json;
using CloudPortal.Configuration;
using CloudPortal.Graph;

namespace CloudPortal.Publishing;

/// <summary>A JSON Feed 1.1 of a language's newest articles (https://jsonfeed.org/version/1.1).</summary>
internal static class JsonFeed
{
    public const string FileName = "feed.json";

    public static PublishedFile Write(SiteGraph graph, LanguageConfig language)
    {
        var config = graph.Config;
        var path = FeedEntries.FeedPath(language.Prefix, FileName);
        var stream = new MemoryStream();
        var bodies = new List<FeedBody>();
        using (var json = new Utf8JsonWriter(stream, FeedBodies.JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", config.Title.In(language.Code, config.LanguageCodes).Text);
            json.WriteString("home_page_url", Links.Absolute(config, UrlPaths.Join(language.Prefix)));
            json.WriteString("feed_url", Links.Absolute(config, "/" + path));
            json.WriteString("language", language.Code);
            if (config.Description is { } description)
            {
                json.WriteString("description", description.In(language.Code, config.LanguageCodes).Text);
            }

            json.WriteStartArray("items");
            foreach (var page in FeedEntries.Newest(graph, language.Code))
            {
                var url = Links.Absolute(config, page.Url);
                json.WriteStartObject();
                json.WriteString("id", url);
                json.WriteString("url", url);
                json.WriteString("title", page.Title);
                if (config.FeedFullContent)
                {
                    var html = FeedEntries.AbsoluteHtml(graph, page);
                    json.WriteString("content_html", html);
                    json.Flush();
                    FeedBodies.Record(bodies, path, page, html, stream.GetBuffer().AsSpan(0, (int)stream.Length));
                }
                else
                {
                    json.WriteString("content_text", page.Summary ?? page.Title);
                }

                if (page.Summary is { } summary)
                {
                    json.WriteString("summary", summary);
                }

                json.WriteString("date_published", AtomFeed.Rfc3339(page.Date ?? DateTimeOffset.UnixEpoch));
                json.WriteString("date_modified", AtomFeed.Rfc3339(FeedEntries.Updated(page)));
                if (page.Source?.FrontMatter.Tags is { Count: > 0 } tags)
                {
                    json.WriteStartArray("tags");
                    foreach (var tag in tags)
                    {
                        json.WriteStringValue(tag);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new PublishedFile(path, stream.ToArray()) { Bodies = bodies };
    }
}
