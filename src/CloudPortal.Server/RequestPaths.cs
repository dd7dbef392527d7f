namespace CloudPortal.Server;

/// <summary>
/// Decides whether a request path may name a file of the built site. Checked twice: on the target as the
/// client sent it (Kestrel has by then already decoded it and removed dot segments, which would hide
/// <c>/../x</c> and <c>/%2e%2e/x</c>), and on the decoded path that is mapped to a file. A preview
/// server is a local tool, so anything unusual is a plain 404 rather than a reason to be lenient.
/// </summary>
internal static class RequestPaths
{
    /// <summary>
    /// False for a raw request target with a <c>.</c> or <c>..</c> segment, a backslash, a control
    /// character, a percent-encoded dot, slash, backslash or control character, a malformed escape, or
    /// anything that is not an origin-form path (<c>/…</c>).
    /// </summary>
    public static bool IsSafeRawTarget(string rawTarget)
    {
        var end = rawTarget.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? rawTarget.AsSpan() : rawTarget.AsSpan(0, end);
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' || char.IsControl(c))
            {
                return false;
            }

            if (c == '%')
            {
                if (i + 2 >= path.Length || !IsHex(path[i + 1]) || !IsHex(path[i + 2]))
                {
                    return false;
                }

                var value = Convert.ToInt32(path.Slice(i + 1, 2).ToString(), 16);
                if (value is '.' or '/' or '\\' or < 0x20 or 0x7f)
                {
                    return false;
                }
            }
        }

        foreach (var segment in path.ToString().Split('/'))
        {
            if (segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The site-relative file path (forward slashes, no leading slash; empty for the root) of a decoded URL
    /// path, or null when the path could leave the site folder: dot segments, empty segments (<c>//x</c>
    /// would be an absolute path), backslashes, colons (drive letters, NTFS streams) and control characters.
    /// </summary>
    public static string? ToRelative(string decodedPath)
    {
        if (decodedPath.Length == 0 || decodedPath[0] != '/')
        {
            return null;
        }

        var relative = decodedPath[1..];
        if (relative.Any(c => c is '\\' or ':' || char.IsControl(c)))
        {
            return null;
        }

        var segments = relative.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            // The last segment is empty for a folder URL ("/articles/"); any other empty one is "//".
            if (segments[i] is "." or ".." || (segments[i].Length == 0 && i < segments.Length - 1))
            {
                return null;
            }
        }

        return relative;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
