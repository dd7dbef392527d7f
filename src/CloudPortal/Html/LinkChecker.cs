using System.Text;
using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Graph;

namespace CloudPortal.Html;

/// <summary>
/// Checks that every internal <c>href</c> and <c>src</c> of a rendered page names a page or file the build
/// writes. It scans the UTF-8 bytes for the two attributes instead of building a DOM, so it stays cheap
/// enough to run on every page of every build.
/// </summary>
internal sealed class LinkChecker
{
    private static readonly byte[][] Attributes = [Encoding.ASCII.GetBytes(" href=\""), Encoding.ASCII.GetBytes(" src=\"")];

    private readonly SiteConfig _config;
    private readonly HashSet<string> _outputs;

    public LinkChecker(SiteConfig config, IEnumerable<string> outputPaths)
    {
        _config = config;
        _outputs = new HashSet<string>(outputPaths, StringComparer.Ordinal);
    }

    public void Check(Page page, byte[] html, DiagnosticBag diagnostics)
    {
        foreach (var target in Targets(html))
        {
            var resolved = Resolve(page.Url, target);
            if (resolved is null || Exists(resolved))
            {
                continue;
            }

            var at = page.SourcePath.Length > 0 ? SourceLocation.FileOnly(page.SourcePath) : SourceLocation.FileOnly(page.Url);
            diagnostics.Error(at, $"broken link on {page.Url}: '{target}' points at nothing the site contains; fix the link or add the page");
        }
    }

    internal static IEnumerable<string> Targets(byte[] html)
    {
        var results = new List<string>();
        foreach (var attribute in Attributes)
        {
            var span = html.AsSpan();
            var offset = 0;
            while (true)
            {
                var index = span[offset..].IndexOf(attribute);
                if (index < 0)
                {
                    break;
                }

                var start = offset + index + attribute.Length;
                var end = span[start..].IndexOf((byte)'"');
                if (end < 0)
                {
                    break;
                }

                results.Add(System.Net.WebUtility.HtmlDecode(Encoding.UTF8.GetString(span.Slice(start, end))));
                offset = start + end;
            }
        }

        return results;
    }

    /// <summary>The site path a link names, or null for external, mail, data and same-page links.</summary>
    internal string? Resolve(string pageUrl, string target)
    {
        if (target.Length == 0 || target[0] == '#' || target.StartsWith("//", StringComparison.Ordinal) || HasScheme(target))
        {
            return null;
        }

        var cut = target.IndexOfAny(['#', '?']);
        var path = cut >= 0 ? target[..cut] : target;
        if (path.Length == 0)
        {
            return null;
        }

        string absolute;
        if (path[0] == '/')
        {
            if (!path.StartsWith(_config.BasePath, StringComparison.Ordinal) && path + "/" != _config.BasePath)
            {
                return path; // outside the base path: cannot exist in this site
            }

            absolute = "/" + path[Math.Min(path.Length, _config.BasePath.Length)..];
        }
        else
        {
            var baseUri = new Uri("http://site" + pageUrl);
            absolute = new Uri(baseUri, path).AbsolutePath;
        }

        return Uri.UnescapeDataString(absolute);
    }

    private bool Exists(string path) =>
        _outputs.Contains(UrlPaths.ToOutputPath(path)) || !path.EndsWith('/') && _outputs.Contains(UrlPaths.ToOutputPath(path + "/"));

    private static bool HasScheme(string target)
    {
        var colon = target.IndexOf(':');
        return colon > 0 && target[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }
}
