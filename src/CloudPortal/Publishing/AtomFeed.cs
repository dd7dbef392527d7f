using System.Globalization;
using System.Text;
using System.Xml;
using CloudPortal.Configuration;
using CloudPortal.Graph;

namespace CloudPortal.Publishing;

/// <summary>An Atom 1.0 feed of a language's newest articles (RFC 4287).</summary>
internal static class AtomFeed
{
    public const string FileName = "atom.xml";

    public static PublishedFile Write(SiteGraph graph, LanguageConfig language)
    {
        var config = graph.Config;
        var entries = FeedEntries.Newest(graph, language.Code);
        var path = FeedEntries.FeedPath(language.Prefix, FileName);
        var home = Links.Absolute(config, UrlPaths.Join(language.Prefix));
        var title = config.Title.In(language.Code, config.LanguageCodes).Text;
        var stream = new MemoryStream();
        var bodies = new List<FeedBody>();
        using (var xml = XmlWriter.Create(stream, FeedBodies.AtomSettings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
            xml.WriteAttributeString("xml", "lang", null, language.Code);
            xml.WriteElementString("id", home);
            xml.WriteElementString("title", title);
            if (config.Description is { } description)
            {
                xml.WriteElementString("subtitle", description.In(language.Code, config.LanguageCodes).Text);
            }

            // The newest entry's date, not the clock: the same content gives the same feed.
            var updated = entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(FeedEntries.Updated);
            xml.WriteElementString("updated", Rfc3339(updated));
            Link(xml, "self", Links.Absolute(config, "/" + path), "application/atom+xml");
            Link(xml, "alternate", home, "text/html");
            xml.WriteStartElement("author");
            xml.WriteElementString("name", title);
            xml.WriteEndElement();
            foreach (var page in entries)
            {
                var url = Links.Absolute(config, page.Url);
                xml.WriteStartElement("entry");
                xml.WriteElementString("id", url);
                xml.WriteElementString("title", page.Title);
                Link(xml, "alternate", url, "text/html");
                xml.WriteElementString("published", Rfc3339(page.Date ?? DateTimeOffset.UnixEpoch));
                xml.WriteElementString("updated", Rfc3339(FeedEntries.Updated(page)));
                if (page.Summary is { } summary)
                {
                    xml.WriteElementString("summary", summary);
                }

                if (config.FeedFullContent)
                {
                    xml.WriteStartElement("content");
                    xml.WriteAttributeString("type", "html");
                    var html = FeedEntries.AbsoluteHtml(graph, page);
                    xml.WriteString(html);
                    xml.Flush();
                    FeedBodies.Record(bodies, path, page, html, stream.GetBuffer().AsSpan(0, (int)stream.Length));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return new PublishedFile(path, stream.ToArray()) { Bodies = bodies };
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    internal static string Rfc3339(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
