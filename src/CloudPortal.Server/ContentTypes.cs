namespace CloudPortal.Server;

/// <summary>
/// The media types of what a build publishes. A fixed table rather than ASP.NET Core's
/// FileExtensionContentTypeProvider: the list is short, text types need their charset, and an
/// unknown extension must be served as bytes, never sniffed into HTML.
/// </summary>
internal static class ContentTypes
{
    public const string Fallback = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".map"] = "application/json; charset=utf-8",
        [".xml"] = "application/xml; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".webmanifest"] = "application/manifest+json",
        [".txt"] = "text/plain; charset=utf-8",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".woff"] = "font/woff",
        [".woff2"] = "font/woff2",
        [".pdf"] = "application/pdf",
    };

    /// <summary>The type for a file name; extension-less files (<c>_redirects</c>, <c>CNAME</c>) are text.</summary>
    public static string For(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (extension.Length == 0)
        {
            return "text/plain; charset=utf-8";
        }

        return ByExtension.GetValueOrDefault(extension, Fallback);
    }

    public static bool IsHtml(string fileName) =>
        Path.GetExtension(fileName) is var e && (e.Equals(".html", StringComparison.OrdinalIgnoreCase) || e.Equals(".htm", StringComparison.OrdinalIgnoreCase));
}
