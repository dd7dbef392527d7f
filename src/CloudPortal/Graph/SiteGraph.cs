using CloudPortal.Configuration;

namespace CloudPortal.Graph;

/// <summary>Everything the renderers need, complete before any page renders: pages, records and the links between them.</summary>
public sealed class SiteGraph
{
    internal SiteGraph(SiteConfig config, IReadOnlyList<Page> pages, EntityIndex entities, Backlinks backlinks,
        IReadOnlyDictionary<(string Key, string Lang), string> excluded)
    {
        Excluded = excluded;
        Config = config;
        Pages = pages;
        Entities = entities;
        Backlinks = backlinks;
        ByUrl = pages.ToDictionary(p => p.Url, StringComparer.Ordinal);
    }

    public SiteConfig Config { get; }

    /// <summary>Every page, in a fixed order (by URL).</summary>
    public IReadOnlyList<Page> Pages { get; private set; }

    public IReadOnlyDictionary<string, Page> ByUrl { get; private set; }

    /// <summary>
    /// Adds pages that depend on what Markdown bodies mention (the long lists of an entity's articles),
    /// which can only be made once every body has rendered and before any template runs.
    /// </summary>
    internal void AddPages(IReadOnlyCollection<Page> pages)
    {
        if (pages.Count == 0)
        {
            return;
        }

        Pages = Pages.Concat(pages).OrderBy(p => p.Url, StringComparer.Ordinal).ToList();
        ByUrl = Pages.ToDictionary(p => p.Url, StringComparer.Ordinal);
    }

    public EntityIndex Entities { get; }

    /// <summary>Content left out of this build (drafts, future, expired), by translation key and language, with the reason.</summary>
    public IReadOnlyDictionary<(string Key, string Lang), string> Excluded { get; }

    public Backlinks Backlinks { get; }
}
