namespace CloudPortal.Server;

/// <summary>An edited page rendered ahead of its build, and browsers told to reload to it.</summary>
/// <param name="SourcePath">The saved Markdown file, site-relative.</param>
/// <param name="OutputPath">The page it renders, relative to the output folder.</param>
/// <param name="SinceChange">From the file-system event of the save to the reload event being sent.</param>
public sealed record PreviewRendered(string SourcePath, string OutputPath, TimeSpan SinceChange);
