namespace CloudPortal.Search;

/// <summary>
/// One page as the search index sees it. <paramref name="Url"/> is the href a result links to (already
/// including the site's base path); <paramref name="Kind"/> is one of
/// <see cref="SearchIndexWriter.Kinds"/>; <paramref name="Text"/> is the page's plain text, of any length.
/// </summary>
public sealed record SearchDocument(string Url, string Lang, string Kind, string Title, string Text);
