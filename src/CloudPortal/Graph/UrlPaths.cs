using System.Text;

namespace CloudPortal.Graph;

/// <summary>Turns URLs into output file paths and makes slugs for tags, refusing anything that could leave the output folder.</summary>
public static class UrlPaths
{
    /// <summary>"/en/articles/x/" → "en/articles/x/index.html"; "/404.html" → "404.html".</summary>
    public static string ToOutputPath(string url)
    {
        var path = url.TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }

    /// <summary>True when every segment is a plain name: no "..", ".", backslash, colon or empty segment.</summary>
    public static bool IsSafe(string url)
    {
        if (!url.StartsWith('/') || url.Contains('\\') || url.Contains(':') || url.Contains('\0') || url.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        var segments = url.Trim('/').Split('/');
        return segments.All(s => s.Length == 0 && segments.Length == 1 || s.Length > 0 && s != "." && s != "..");
    }

    public static string Join(string prefix, params string[] segments)
    {
        var builder = new StringBuilder("/");
        if (prefix.Length > 0)
        {
            builder.Append(prefix).Append('/');
        }

        foreach (var segment in segments)
        {
            builder.Append(segment).Append('/');
        }

        return builder.ToString();
    }

    // A site has tens of tags used tens of thousands of times (graph, related articles, every page's tag
    // links): each is slugged once. Bounded, as a preview server builds again and again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> TagSlugs = new(StringComparer.Ordinal);
    private const int MaxRememberedTags = 1 << 16;

    /// <summary>A URL segment for a free-text tag. Letters of any script are kept, so Chinese tags stay readable.</summary>
    public static string TagSlug(string tag)
    {
        if (TagSlugs.TryGetValue(tag, out var known))
        {
            return known;
        }

        var slug = SlugOf(tag);
        if (TagSlugs.Count < MaxRememberedTags)
        {
            TagSlugs.TryAdd(tag, slug);
        }

        return slug;
    }

    private static string SlugOf(string tag)
    {
        var builder = new StringBuilder();
        foreach (var c in tag.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length == 0)
        {
            // A tag of punctuation only still needs a stable, non-empty URL.
            slug = "tag-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(tag)))[..8];
        }

        return slug;
    }
}
