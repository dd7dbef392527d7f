using CloudPortal.Diagnostics;

namespace CloudPortal.Loading;

/// <summary>A Markdown file as loaded: where it is, its typed front matter and its body.</summary>
public sealed record SourcePage(
    string Path,
    string Section,
    string Slug,
    string Lang,
    PageFrontMatter FrontMatter,
    string Body,
    int BodyLine)
{
    /// <summary>The Markdown body; empty when <see cref="BodyOnDisk"/> (it is then read from the file when needed).</summary>
    public string Body { get; private set; } = Body;

    public SourceLocation Location => SourceLocation.FileOnly(Path);

    /// <summary>
    /// Files of the page's bundle: the folder beside it named like its file (<c>articles/x/</c> for
    /// <c>articles/x.zh.md</c>), relative to the site root; they are published beside the page.
    /// </summary>
    public IReadOnlyList<string> BundleFiles { get; init; } = [];

    /// <summary>A hash of everything but the body, computed once when the file is read; part of the page's render key.</summary>
    internal Incremental.Hash128 FrontMatterHash { get; init; }

    /// <summary>True when the front matter came from the build cache and <see cref="Body"/> was not read.</summary>
    internal bool BodyFromCache { get; init; }

    /// <summary>Lets the body go once it has rendered, to keep memory flat on large sites; it is read from the file again if ever needed.</summary>
    internal void ReleaseBody()
    {
        Body = "";
        _released = true;
    }

    private bool _released;

    /// <summary>True when the body must be read from the file.</summary>
    internal bool BodyOnDisk => BodyFromCache || _released;

    public string TranslationKey => FrontMatter.TranslationKey ?? Section + "/" + System.IO.Path.GetFileName(Path).Split('.')[0];
}
