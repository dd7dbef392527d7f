namespace CloudPortal.Graph;

/// <summary>A heading of an article body, for its table of contents.</summary>
public sealed record TocEntry(int Level, string Id, string Text);
