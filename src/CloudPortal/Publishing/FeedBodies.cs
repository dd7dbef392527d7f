using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using CloudPortal.Configuration;
using CloudPortal.Graph;

namespace CloudPortal.Publishing;

/// <summary>Where a full-content feed holds one article's body: its bytes in the feed file, as the feed's format escaped them.</summary>
internal sealed record FeedBody(string FeedPath, Page Page, int Start, int Length);

/// <summary>
/// An article's body as a feed carries it: with root-relative links made absolute, then escaped as the
/// feed's format escapes text (Atom: XML text; JSON Feed: a JSON string). The feed writers record where
/// each body went and check it against these same bytes, so a quick edit can put a new body in its place.
/// </summary>
internal static class FeedBodies
{
    public static readonly XmlWriterSettings AtomSettings = new() { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };

    public static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Body HTML with root-relative links made absolute, since feed readers show it away from the site.</summary>
    public static string AbsoluteHtml(SiteConfig config, byte[]? body)
    {
        var html = body is null ? "" : Encoding.UTF8.GetString(body);
        var origin = config.BaseUrl.GetLeftPart(UriPartial.Authority);
        return html.Replace("href=\"/", $"href=\"{origin}/", StringComparison.Ordinal)
            .Replace("src=\"/", $"src=\"{origin}/", StringComparison.Ordinal);
    }

    /// <summary>The bytes an Atom feed's writer writes for <paramref name="html"/> as the text of an element.</summary>
    public static byte[] AtomText(string html)
    {
        var stream = new MemoryStream();
        var settings = AtomSettings.Clone();
        settings.ConformanceLevel = ConformanceLevel.Fragment;
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteString(html);
        }

        return stream.ToArray();
    }

    /// <summary>The bytes a JSON Feed's writer writes for <paramref name="html"/> as a string value, quotes included.</summary>
    public static byte[] JsonString(string html)
    {
        var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStringValue(html);
        }

        return stream.ToArray();
    }

    /// <summary>The body's bytes for a feed file of the given name (<see cref="AtomFeed.FileName"/> or <see cref="JsonFeed.FileName"/>).</summary>
    public static byte[] Encode(string feedPath, string html) =>
        feedPath.EndsWith(AtomFeed.FileName, StringComparison.Ordinal) ? AtomText(html) : JsonString(html);

    /// <summary>
    /// Records where a body just written ends at <paramref name="end"/> of <paramref name="written"/>, when the
    /// bytes there are what <see cref="Encode"/> gives for it (else the body is not recorded, and an edit of
    /// it takes the full build).
    /// </summary>
    public static void Record(List<FeedBody> bodies, string feedPath, Page page, string html, ReadOnlySpan<byte> written)
    {
        var encoded = Encode(feedPath, html);
        if (written.Length >= encoded.Length && written[^encoded.Length..].SequenceEqual(encoded))
        {
            bodies.Add(new FeedBody(feedPath, page, written.Length - encoded.Length, encoded.Length));
        }
    }
}
