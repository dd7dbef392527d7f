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
    public SourceLocation Location => SourceLocation.FileOnly(Path);

    /// <summary>
    /// Files of the page's bundle: the folder beside it named like its file (<c>articles/x/</c> for
    /// <c>articles/x.zh.md</c>), relative to the site root; they are published beside the page.
    /// </summary>
    public IReadOnlyList<string> BundleFiles { get; init; } = [];

    /// <summary>A hash of everything but the body, computed once when the file is read; part of the page's render key.</summary>
    internal UInt128 FrontMatterHash { get; init; }

    /// <summary>True when the front matter came from the build cache and <see cref="Body"/> was not read.</summary>
    internal bool BodyFromCache { get; init; }

    public string TranslationKey => FrontMatter.TranslationKey ?? Section + "/" + System.IO.Path.GetFileName(Path).Split('.')[0];
}
