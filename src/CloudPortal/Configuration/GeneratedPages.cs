namespace CloudPortal.Configuration;

/// <summary>
/// Which of the lists the engine generates besides articles, pages, homes, tags and records the site
/// writes (<c>pages:</c> in the config; all on by default). A site whose theme has no use for a list turns it
/// off rather than publishing pages nobody links to; its navigation entry goes with it.
/// </summary>
public sealed record GeneratedPages
{
    public static readonly GeneratedPages All = new();

    /// <summary>Every article of a language, paginated, at &lt;prefix&gt;/articles/.</summary>
    public bool ArticleList { get; init; } = true;

    /// <summary>Archives by year and month, and their index, at &lt;prefix&gt;/archives/.</summary>
    public bool Archives { get; init; } = true;

    /// <summary>The index of every tag at &lt;prefix&gt;/tags/.</summary>
    public bool TagIndex { get; init; } = true;

    /// <summary>A record's paginated list of every article that mentions it (&lt;record&gt;/articles/), when more do than fit on its page.</summary>
    public bool MentionLists { get; init; } = true;

    /// <summary>Tag pages split into pages of <see cref="SiteConfig.PageSize"/>; when off, one page lists every article of the tag.</summary>
    public bool PaginateTags { get; init; } = true;

    /// <summary>Whether the list at &lt;prefix&gt;/&lt;folder&gt;/ is written, for navigation and breadcrumbs; record indexes always are.</summary>
    public bool WritesListAt(string folder) => folder switch
    {
        "articles" => ArticleList,
        "tags" => TagIndex,
        "archives" => Archives,
        _ => true,
    };
}
