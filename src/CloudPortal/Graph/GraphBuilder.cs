using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;
using CloudPortal.Loading;

namespace CloudPortal.Graph;

/// <summary>
/// Turns loaded pages and records into the complete site graph: every output page with its URL, the
/// lists, tags, translations and backlinks. Reports unknown references and URL clashes.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly SiteConfig _config;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Page> _pages = [];
    private readonly Backlinks _backlinks = new();

    public GraphBuilder(SiteConfig config, DiagnosticBag diagnostics)
    {
        _config = config;
        _diagnostics = diagnostics;
    }

    public SiteGraph Build(IReadOnlyList<SourcePage> sources, IReadOnlyList<Entity> entities, bool includeDrafts)
    {
        var index = new EntityIndex(entities, _diagnostics);
        foreach (var entity in index.All)
        {
            foreach (var reference in entity.References)
            {
                if (index.Resolve(reference, _diagnostics) is { } target)
                {
                    _backlinks.Add(target, entity);
                }
            }
        }

        var contentPages = new List<Page>();
        foreach (var source in sources.Where(s => includeDrafts || !s.FrontMatter.Draft))
        {
            var page = CreateContentPage(source);
            if (page is null)
            {
                continue;
            }

            contentPages.Add(page);
            foreach (var reference in source.FrontMatter.References)
            {
                if (index.Resolve(reference, _diagnostics) is { } target)
                {
                    _backlinks.Add(target, page);
                }
            }
        }

        _pages.AddRange(contentPages);
        foreach (var language in _config.Languages)
        {
            AddGeneratedPages(language, contentPages.Where(p => p.Lang == language.Code).ToList(), index);
        }

        _pages.Add(new Page(PageKind.NotFound, _config.DefaultLanguage.Code, "/404.html", "404", "404", "404"));

        var unique = RemoveClashes();
        LinkTranslations(unique);
        return new SiteGraph(_config, unique.OrderBy(p => p.Url, StringComparer.Ordinal).ToList(), index, _backlinks);
    }

    /// <summary>Called by the Markdown stage for each cross-reference found in a body.</summary>
    internal static void RecordBodyReference(SiteGraph graph, Page from, Entity target) => graph.Backlinks.Add(target, from);

    private Page? CreateContentPage(SourcePage source)
    {
        var url = Permalinks.Expand(_config, source);
        if (!UrlPaths.IsSafe(url))
        {
            _diagnostics.Error(new SourceLocation(source.Path, 1, 1),
                $"the permalink '{url}' would leave the output folder or is not a valid path; check the slug and the permalink pattern for {source.Section}");
            return null;
        }

        var isArticle = source.Section == "articles";
        var page = new Page(isArticle ? PageKind.Article : PageKind.Page, source.Lang, url, source.FrontMatter.Title,
            isArticle ? "article" : "page", source.TranslationKey)
        {
            Source = source,
            Date = source.FrontMatter.Date,
            Summary = source.FrontMatter.Summary,
        };
        page.Inputs.Add(source.Path);
        return page;
    }

    private void AddGeneratedPages(LanguageConfig language, List<Page> contentPages, EntityIndex index)
    {
        var prefix = language.Prefix;
        var articles = contentPages.Where(p => p.Kind == PageKind.Article)
            .OrderByDescending(p => p.Date).ThenBy(p => p.Url, StringComparer.Ordinal).ToList();

        var home = Generated(PageKind.Home, language, UrlPaths.Join(prefix), _config.Title.In(language.Code, _config.LanguageCodes).Text, "home", "home");
        home.Listed = articles.Take(_config.HomeArticleCount).ToList();
        DependOn(home, home.Listed);

        var list = Generated(PageKind.ArticleList, language, UrlPaths.Join(prefix, "articles"), "articles", "list", "articles");
        list.Listed = articles;
        DependOn(list, articles);

        var tags = articles
            .SelectMany(a => a.Source!.FrontMatter.Tags.Select(t => (Tag: t, Article: a)))
            .GroupBy(x => UrlPaths.TagSlug(x.Tag), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var tagIndex = Generated(PageKind.TagIndex, language, UrlPaths.Join(prefix, "tags"), "tags", "tags", "tags");
        var tagPages = new List<Page>();
        foreach (var group in tags)
        {
            var name = group.Select(x => x.Tag).Order(StringComparer.Ordinal).First();
            var tagPage = new Page(PageKind.Tag, language.Code, UrlPaths.Join(prefix, "tags", group.Key), name, "tag", "tag:" + group.Key)
            {
                Tag = name,
            };
            tagPage.Listed = group.Select(x => x.Article).Distinct().ToList();
            DependOn(tagPage, tagPage.Listed);
            tagPages.Add(tagPage);
            _pages.Add(tagPage);
        }

        tagIndex.Listed = tagPages;
        DependOn(tagIndex, articles);

        foreach (var kind in EntityKind.All)
        {
            var kindIndex = Generated(PageKind.EntityIndex, language, UrlPaths.Join(prefix, kind.Folder), kind.Folder, kind.Folder, "index:" + kind.Name);
            var entityPages = new List<Page>();
            foreach (var entity in index.All.Where(e => e.Kind == kind))
            {
                var page = new Page(PageKind.Entity, language.Code, index.UrlOf(entity, prefix),
                    entity.DisplayName.In(language.Code, _config.LanguageCodes).Text, kind.Name, EntityIndex.Key(entity))
                {
                    Entity = entity,
                };
                page.Inputs.Add(entity.File);
                entityPages.Add(page);
                _pages.Add(page);
            }

            kindIndex.Listed = entityPages;
            DependOn(kindIndex, entityPages);
        }
    }

    private Page Generated(PageKind kind, LanguageConfig language, string url, string title, string layoutSection, string key)
    {
        var page = new Page(kind, language.Code, url, title, layoutSection, key);
        page.Inputs.Add(SiteConfig.FileName);
        _pages.Add(page);
        return page;
    }

    private static void DependOn(Page page, IEnumerable<Page> listed)
    {
        foreach (var item in listed)
        {
            page.Inputs.UnionWith(item.Inputs);
        }
    }

    private List<Page> RemoveClashes()
    {
        var seen = new Dictionary<string, Page>(StringComparer.Ordinal);
        foreach (var page in _pages)
        {
            var key = page.OutputPath.ToLowerInvariant();
            if (seen.TryGetValue(key, out var first))
            {
                var firstSource = first.SourcePath.Length > 0 ? first.SourcePath : $"the generated {first.Kind} page";
                _diagnostics.Error(new SourceLocation(page.SourcePath.Length > 0 ? page.SourcePath : SiteConfig.FileName, 1, 1),
                    $"two pages would be written to {page.Url}: this one and {firstSource}; change a slug or a permalink pattern");
                continue;
            }

            seen[key] = page;
        }

        return seen.Values.ToList();
    }

    private void LinkTranslations(List<Page> pages)
    {
        var order = _config.LanguageCodes.ToList();
        foreach (var group in pages.GroupBy(p => (p.Kind, p.TranslationKey)))
        {
            var members = group.OrderBy(p => order.IndexOf(p.Lang)).ToList();
            foreach (var page in members)
            {
                foreach (var other in members.Where(o => o != page))
                {
                    page.AddTranslation(other);
                }
            }
        }
    }
}
