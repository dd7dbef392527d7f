using System.Text;
using System.Xml;
using CloudPortal.Graph;

namespace CloudPortal.Publishing;

/// <summary>
/// sitemap.xml with hreflang alternates for every translated page. Past 50,000 URLs (the protocol's
/// limit per file) it becomes a sitemap index over sitemap-1.xml, sitemap-2.xml, ...
/// </summary>
internal static class Sitemap
{
    public const string FileName = "sitemap.xml";
    public const int MaxUrlsPerFile = 50_000;

    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";

    public static IReadOnlyList<PublishedFile> Write(SiteGraph graph, int maxUrlsPerFile = MaxUrlsPerFile)
    {
        var pages = graph.Pages.Where(p => p.Kind is not (PageKind.NotFound or PageKind.Alias)).ToList();
        if (pages.Count <= maxUrlsPerFile)
        {
            return [new PublishedFile(FileName, UrlSet(graph, pages))];
        }

        var files = new List<PublishedFile>();
        var chunks = pages.Chunk(maxUrlsPerFile).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            files.Add(new PublishedFile($"sitemap-{i + 1}.xml", UrlSet(graph, chunks[i])));
        }

        files.Insert(0, new PublishedFile(FileName, Index(graph, files.Select(f => f.OutputPath))));
        return files;
    }

    private static byte[] UrlSet(SiteGraph graph, IEnumerable<Page> pages)
    {
        return Xml(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
            foreach (var page in pages)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, Links.Absolute(graph.Config, page.Url));
                if (page.Kind == PageKind.Article && page.Date is not null)
                {
                    xml.WriteElementString("lastmod", SitemapNs, FeedEntries.Updated(page).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                }

                if (page.Translations.Count > 0)
                {
                    foreach (var version in new[] { page }.Concat(page.Translations).OrderBy(p => graph.Config.LanguageCodes.ToList().IndexOf(p.Lang)))
                    {
                        Alternate(xml, version.Lang, Links.Absolute(graph.Config, version.Url));
                    }

                    var fallback = new[] { page }.Concat(page.Translations).FirstOrDefault(p => p.Lang == graph.Config.DefaultLanguage.Code) ?? page;
                    Alternate(xml, "x-default", Links.Absolute(graph.Config, fallback.Url));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    private static byte[] Index(SiteGraph graph, IEnumerable<string> files) => Xml(xml =>
    {
        xml.WriteStartElement("sitemapindex", SitemapNs);
        foreach (var file in files)
        {
            xml.WriteStartElement("sitemap", SitemapNs);
            xml.WriteElementString("loc", SitemapNs, Links.Absolute(graph.Config, "/" + file));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    });

    private static void Alternate(XmlWriter xml, string lang, string href)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNs);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", lang);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static byte[] Xml(Action<XmlWriter> body)
    {
        var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            body(xml);
        }

        return stream.ToArray();
    }
}
