namespace CloudPortal.Server;

internal enum ResolutionKind
{
    File,

    /// <summary>A folder URL without its trailing slash: redirect, so relative links in its index.html resolve.</summary>
    AddSlash,
    NotFound,
}

internal readonly record struct Resolution(ResolutionKind Kind, string? FilePath = null)
{
    public static Resolution NotFound { get; } = new(ResolutionKind.NotFound);
}

/// <summary>Maps decoded URL paths to files of a built site folder, and never to anything outside it.</summary>
internal sealed class StaticSite
{
    public StaticSite(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    public string Root { get; }

    /// <summary>The site's own not-found page, if the build wrote one.</summary>
    public string? NotFoundPage => File.Exists(Path.Combine(Root, "404.html")) ? Path.Combine(Root, "404.html") : null;

    public Resolution Resolve(string decodedPath)
    {
        var relative = RequestPaths.ToRelative(decodedPath);
        if (relative is null)
        {
            return Resolution.NotFound;
        }

        var full = Path.GetFullPath(Path.Combine(Root, relative));

        // Belt and braces after ToRelative: whatever the path said, the file must be inside the root.
        if (full != Root && !full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return Resolution.NotFound;
        }

        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            var index = Path.Combine(full, "index.html");
            return File.Exists(index) ? new Resolution(ResolutionKind.File, index) : Resolution.NotFound;
        }

        if (File.Exists(full))
        {
            return new Resolution(ResolutionKind.File, full);
        }

        return File.Exists(Path.Combine(full, "index.html")) ? new Resolution(ResolutionKind.AddSlash) : Resolution.NotFound;
    }
}
