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

    public string TranslationKey => FrontMatter.TranslationKey ?? Section + "/" + System.IO.Path.GetFileName(Path).Split('.')[0];
}
