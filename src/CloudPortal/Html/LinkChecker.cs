using System.Collections.Concurrent;
using System.Text;
using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Graph;

namespace CloudPortal.Html;

/// <summary>
/// Checks that every internal <c>href</c>, <c>src</c> and <c>data</c> of every rendered page names a file the build
/// writes, and that every <c>#anchor</c> names an id on its target page. It scans the UTF-8 bytes for
/// the attributes instead of building a DOM, so it is cheap enough to run on every page of every build.
/// A broken link is reported where it was written: the Markdown line, or else the page's layout.
/// </summary>
internal sealed class LinkChecker
{
    internal static readonly byte[] Href = Encoding.ASCII.GetBytes(" href=\"");
    internal static readonly byte[] Src = Encoding.ASCII.GetBytes(" src=\"");

    // <object data="…">: the embedded map is a file of the site like any image.
    internal static readonly byte[] Data = Encoding.ASCII.GetBytes(" data=\"");
    internal static readonly byte[] Id = Encoding.ASCII.GetBytes(" id=\"");

    private readonly SiteConfig _config;
    private readonly HashSet<string> _outputs;
    private readonly ConcurrentDictionary<string, HashSet<string>> _ids;
    private readonly ConcurrentQueue<(SourceLocation At, string PageUrl, string Target, string OutputPath, string Fragment)> _fragments = new();

    private readonly Func<string, byte[]?>? _readUnchecked;
    private readonly ConcurrentDictionary<string, ((string Path, string? Fragment)? Resolved, string? Output)> _rootLinks;

    /// <param name="readUnchecked">
    /// The HTML of a page this build did not render (an incremental build kept it), for the ids an anchor
    /// link into it needs; null when every page is rendered.
    /// </param>
    public LinkChecker(SiteConfig config, IEnumerable<string> outputPaths, Func<string, byte[]?>? readUnchecked = null)
    {
        _config = config;
        _outputs = new HashSet<string>(outputPaths, StringComparer.Ordinal);
        _readUnchecked = readUnchecked;
        // Sized for a page each (ids) and about as many distinct link targets: a concurrent dictionary that
        // grows takes all its locks while the rendering threads wait.
        var capacity = Math.Max(_outputs.Count * 2, 1024);
        _ids = new(Environment.ProcessorCount * 8, capacity, StringComparer.Ordinal);
        _rootLinks = new(Environment.ProcessorCount * 8, capacity, StringComparer.Ordinal);
    }

    /// <summary>Every page and file a link may name, in ordinal order, hashed: when it is unchanged, a kept page's links still resolve.</summary>
    public ulong OutputsHash()
    {
        var hash = new System.IO.Hashing.XxHash64();
        foreach (var path in _outputs.Order(StringComparer.Ordinal))
        {
            hash.Append(Encoding.UTF8.GetBytes(path + "\n"));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>A hash of the ids of a checked page: when it is unchanged, anchor links into the page still resolve.</summary>
    public ulong IdsHash(string outputPath)
    {
        var hash = new System.IO.Hashing.XxHash64();
        foreach (var id in _ids.GetValueOrDefault(outputPath, []).Order(StringComparer.Ordinal))
        {
            hash.Append(Encoding.UTF8.GetBytes(id + "\n"));
        }

        return hash.GetCurrentHashAsUInt64();
    }

    public void Check(Page page, ReadOnlySpan<byte> html, DiagnosticBag diagnostics, string layoutPath)
    {
        _ids[page.OutputPath] = Values(html, Id).ToHashSet(StringComparer.Ordinal);
        foreach (var target in Values(html, Href).Concat(Values(html, Src)).Concat(Values(html, Data)))
        {
            // A link from the site root means the same on every page (the navigation, tags, records):
            // resolved once, not once per page.
            var (resolved, output) = target.StartsWith('/')
                ? _rootLinks.GetOrAdd(target, static (t, checker) => checker.Locate("/", t), this)
                : Locate(page.Url, target);
            if (resolved is null)
            {
                continue;
            }

            var at = page.BodyLinks.TryGetValue(target, out var written) ? written : SourceLocation.FileOnly(layoutPath);
            if (output is null)
            {
                diagnostics.Error(at, $"broken link '{target}' on {page.Url}: no page or file of the site is at {resolved.Value.Path}");
                continue;
            }

            if (resolved.Value.Fragment is { Length: > 0 } fragment && output.EndsWith(".html", StringComparison.Ordinal))
            {
                _fragments.Enqueue((at, page.Url, target, output, fragment));
            }
        }
    }

    private ((string Path, string? Fragment)? Resolved, string? Output) Locate(string pageUrl, string target)
    {
        var resolved = Resolve(pageUrl, target);
        return (resolved, resolved is null ? null : OutputOf(resolved.Value.Path));
    }

    /// <summary>Checks anchors once every page has rendered, since a link may point at a page rendered later.</summary>
    public void CheckAnchors(DiagnosticBag diagnostics)
    {
        foreach (var (at, pageUrl, target, output, fragment) in _fragments)
        {
            if (!_ids.ContainsKey(output) && _readUnchecked?.Invoke(output) is { } html)
            {
                _ids[output] = Values(html, Id).ToHashSet(StringComparer.Ordinal);
            }

            if (_ids.TryGetValue(output, out var ids) && !ids.Contains(fragment))
            {
                diagnostics.Error(at, $"broken anchor '{target}' on {pageUrl}: the target page has no element with id '{fragment}'");
            }
        }
    }

    internal static List<string> Values(ReadOnlySpan<byte> html, byte[] attribute)
    {
        var results = new List<string>();
        var span = html;
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

        return results;
    }

    /// <summary>The site path and fragment a link names, or null for external, mail and data links.</summary>
    internal (string Path, string? Fragment)? Resolve(string pageUrl, string target)
    {
        if (target.Length == 0 || target.StartsWith("//", StringComparison.Ordinal) || HasScheme(target))
        {
            return null;
        }

        var hash = target.IndexOf('#');
        var fragment = hash >= 0 ? Uri.UnescapeDataString(target[(hash + 1)..]) : null;
        var path = hash >= 0 ? target[..hash] : target;
        var query = path.IndexOf('?');
        path = query >= 0 ? path[..query] : path;
        if (path.Length == 0)
        {
            return (pageUrl, fragment);
        }

        string absolute;
        if (path[0] == '/')
        {
            if (!path.StartsWith(_config.BasePath, StringComparison.Ordinal) && path + "/" != _config.BasePath)
            {
                return (path, fragment); // outside the base path: cannot be part of this site
            }

            absolute = "/" + path[Math.Min(path.Length, _config.BasePath.Length)..];
        }
        else
        {
            absolute = new Uri(new Uri("http://site" + pageUrl), path).AbsolutePath;
        }

        return (Uri.UnescapeDataString(absolute), fragment);
    }

    private string? OutputOf(string path)
    {
        var direct = UrlPaths.ToOutputPath(path);
        if (_outputs.Contains(direct))
        {
            return direct;
        }

        var folder = UrlPaths.ToOutputPath(path + "/");
        return !path.EndsWith('/') && _outputs.Contains(folder) ? folder : null;
    }

    private static bool HasScheme(string target)
    {
        var colon = target.IndexOf(':');
        return colon > 0 && target[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }
}
