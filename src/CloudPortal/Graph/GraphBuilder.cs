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

    public SiteGraph Build(IReadOnlyList<SourcePage> sources, IReadOnlyList<Entity> entities, PublishFilter filter,
        IReadOnlyList<Reference>? referencesOfInvalidRecords = null)
    {
        var excluded = new Dictionary<(string Key, string Lang), string>();
        var index = new EntityIndex(entities.Concat(Countries(sources, entities)), _diagnostics);
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

        foreach (var reference in referencesOfInvalidRecords ?? [])
        {
            index.Resolve(reference, _diagnostics);
        }

        var contentPages = new List<Page>();
        foreach (var source in sources)
        {
            if (filter.ExclusionReason(source) is { } reason)
            {
                excluded[(source.TranslationKey, source.Lang)] = reason;
                continue;
            }

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
                    Mention(page, target);
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
        return new SiteGraph(_config, unique.OrderBy(p => p.Url, StringComparer.Ordinal).ToList(), index, _backlinks, excluded);
    }

    /// <summary>A country record for every country code that data or front matter names.</summary>
    private IEnumerable<CountryEntity> Countries(IReadOnlyList<SourcePage> sources, IReadOnlyList<Entity> entities)
    {
        var languages = _config.Languages.Select(l => (l.Code, l.Culture)).ToList();
        return entities.SelectMany(e => e.References)
            .Concat(sources.SelectMany(s => s.FrontMatter.Countries))
            .Where(r => r.Kind == EntityKind.Country.Name)
            .Select(r => r.Id)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(code => CountryEntity.Create(code, languages));
    }

    /// <summary>Called by the Markdown stage for each cross-reference found in a body.</summary>
    internal static void RecordBodyReference(SiteGraph graph, Page from, Entity target)
    {
        graph.Backlinks.Add(target, from);
        Mention(from, target);
    }

    private static void Mention(Page page, Entity target)
    {
        var key = EntityIndex.Key(target);
        if (!page.MentionedEntities.Contains(key))
        {
            page.MentionedEntities.Add(key);
        }
    }

    private Page? CreateContentPage(SourcePage source)
    {
        var url = Permalinks.Expand(_config, source);
        if (!UrlPaths.IsSafe(url))
        {
            _diagnostics.Error(new SourceLocation(source.Path, 1, 1),
                $"the permalink '{url}' would leave the output folder or is not a valid path; check the slug and the permalink pattern for {source.Section}");
            return null;
        }

        var page = ContentPage(source, url);
        AddAliases(page, source);
        return page;
    }

    /// <summary>The page of an article or a plain page, at its URL.</summary>
    internal static Page ContentPage(SourcePage source, string url)
    {
        var isArticle = source.Section == "articles";
        return new Page(isArticle ? PageKind.Article : PageKind.Page, source.Lang, url, source.FrontMatter.Title,
            isArticle ? "article" : "page", source.TranslationKey)
        {
            Source = source,
            Date = source.FrontMatter.Date,
            Summary = source.FrontMatter.Summary,
        };
    }

    /// <summary>Old URLs of a page, kept working as redirect pages.</summary>
    private void AddAliases(Page page, SourcePage source)
    {
        foreach (var alias in source.FrontMatter.Aliases)
        {
            var url = alias.StartsWith('/') ? alias : "/" + alias;
            if (!url.EndsWith('/') && !url.EndsWith(".html", StringComparison.Ordinal))
            {
                url += "/";
            }

            if (!UrlPaths.IsSafe(url))
            {
                _diagnostics.Error(source.FrontMatter.AliasesAt,
                    $"alias '{alias}' is not a usable site path; write it like /old/path/ with no '..' or ':'");
                continue;
            }

            _pages.Add(new Page(PageKind.Alias, page.Lang, url, page.Title, "alias", "alias:" + url) { AliasOf = page, Source = source });
        }
    }

    private void AddGeneratedPages(LanguageConfig language, List<Page> contentPages, EntityIndex index)
    {
        var prefix = language.Prefix;
        var articles = contentPages.Where(p => p.Kind == PageKind.Article)
            .OrderByDescending(p => p.Date).ThenBy(p => p.Url, StringComparer.Ordinal).ToList();
        var siteTitle = _config.Title.In(language.Code, _config.LanguageCodes).Text;

        Paginate(PageKind.Home, language, UrlPaths.Join(prefix), siteTitle, "home", "home", articles);
        var generated = _config.Pages;
        if (generated.ArticleList)
        {
            Paginate(PageKind.ArticleList, language, UrlPaths.Join(prefix, "articles"), "articles", "list", "articles", articles);
        }

        if (generated.Archives)
        {
            AddArchives(language, articles);
        }

        if (_config.SearchEnabled)
        {
            Paginate(PageKind.Search, language, UrlPaths.Join(prefix, "search"), "search", "search", "search", []);
        }

        var tags = articles
            .SelectMany(a => a.Source!.FrontMatter.Tags.Select(t => (Tag: t, Article: a)))
            .GroupBy(x => UrlPaths.TagSlug(x.Tag), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var tagPages = new List<Page>();
        foreach (var group in tags)
        {
            var name = group.Select(x => x.Tag).Order(StringComparer.Ordinal).First();
            var listed = group.Select(x => x.Article).Distinct().ToList();
            var first = Paginate(PageKind.Tag, language, UrlPaths.Join(prefix, "tags", group.Key), name, "tag", "tag:" + group.Key, listed, tag: name,
                pageSize: generated.PaginateTags ? null : int.MaxValue);
            tagPages.Add(first);
        }

        if (generated.TagIndex)
        {
            Paginate(PageKind.TagIndex, language, UrlPaths.Join(prefix, "tags"), "tags", "tags", "tags", tagPages, pageSize: int.MaxValue);
        }

        foreach (var kind in EntityKind.All)
        {
            var entityPages = new List<Page>();
            foreach (var entity in index.All.Where(e => e.Kind == kind))
            {
                var page = new Page(PageKind.Entity, language.Code, index.UrlOf(entity, prefix),
                    entity.DisplayName.In(language.Code, _config.LanguageCodes).Text, kind.Name, EntityIndex.Key(entity))
                {
                    Entity = entity,
                };
                entityPages.Add(page);
                _pages.Add(page);
            }

            if (kind == EntityKind.Case)
            {
                _pages.AddRange(CaseExplorer.Pages(_config, language, entityPages));
            }

            // An index is a comparison table or a directory: one page, however long.
            Paginate(PageKind.EntityIndex, language, UrlPaths.Join(prefix, kind.Folder), kind.Folder, kind.Folder, "index:" + kind.Name, entityPages, pageSize: int.MaxValue);
        }
    }

    /// <summary>News-site archives: an index of years, a page per year and per month, newest first.</summary>
    private void AddArchives(LanguageConfig language, List<Page> articles)
    {
        var dated = articles.Where(a => a.Date is not null).ToList();
        var years = dated.GroupBy(a => a.Date!.Value.Year).OrderByDescending(g => g.Key).ToList();
        var yearPages = new List<Page>();
        foreach (var year in years)
        {
            var yearUrl = UrlPaths.Join(language.Prefix, "archives", year.Key.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
            yearPages.Add(Paginate(PageKind.Archive, language, yearUrl, year.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), "archive",
                $"archive:{year.Key}", year.ToList(), period: (year.Key, null)));
            foreach (var month in year.GroupBy(a => a.Date!.Value.Month).OrderByDescending(g => g.Key))
            {
                Paginate(PageKind.Archive, language, yearUrl + month.Key.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + "/",
                    $"{year.Key}-{month.Key:D2}", "archive", $"archive:{year.Key}-{month.Key:D2}", month.ToList(), period: (year.Key, month.Key));
            }
        }

        Paginate(PageKind.ArchiveIndex, language, UrlPaths.Join(language.Prefix, "archives"), "archives", "archives", "archives", yearPages, pageSize: int.MaxValue);
    }

    /// <summary>Creates a list's pages: page 1 at <paramref name="url"/>, page N at url/page/N/. Returns page 1.</summary>
    private Page Paginate(PageKind kind, LanguageConfig language, string url, string title, string layoutSection, string key,
        IReadOnlyList<Page> items, string? tag = null, int? pageSize = null, (int Year, int? Month)? period = null)
    {
        var size = pageSize ?? _config.PageSize;
        var total = Math.Max(1, (items.Count + size - 1) / size);
        Page? first = null;
        for (var number = 1; number <= total; number++)
        {
            var pager = total == 1 ? null : new Pager(number, total, url,
                number > 1 ? Pager.UrlOf(url, number - 1) : null,
                number < total ? Pager.UrlOf(url, number + 1) : null);
            var page = new Page(kind, language.Code, Pager.UrlOf(url, number), title, layoutSection, number == 1 ? key : $"{key}#{number}")
            {
                Pager = pager,
                Tag = tag,
                Period = period,
            };
            page.Listed = items.Skip((number - 1) * size).Take(size).ToList();
            page.ListTotal = items.Count;
            _pages.Add(page);
            first ??= page;
        }

        return first!;
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
