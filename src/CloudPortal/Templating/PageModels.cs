using System.Globalization;
using CloudPortal.Graph;
using CloudPortal.Knowledge;
using Scriban.Runtime;
using static CloudPortal.Templating.ModelValues;

namespace CloudPortal.Templating;

/// <summary>Builds the <c>site</c> and <c>page</c> objects a layout renders, for one page in its language.</summary>
internal sealed class PageModels
{
    private static readonly IReadOnlyList<(string Key, string Folder)> Navigation =
    [
        ("nav_articles", "articles"), ("nav_providers", "providers"), ("nav_cases", "cases"),
        ("nav_countries", "countries"), ("nav_people", "people"), ("nav_tags", "tags"),
    ];

    private static readonly IReadOnlyList<(string Key, string Folder)> FooterNavigation =
    [
        ("nav_archives", "archives"), ("nav_sources", "sources"), ("nav_organisations", "organisations"), ("nav_industries", "industries"),
    ];

    private readonly SiteGraph _graph;
    private readonly Pictures.SitePictures? _pictures;

    public PageModels(SiteGraph graph, Pictures.SitePictures? pictures = null)
    {
        _graph = graph;
        _pictures = pictures;
    }

    // The site object depends on the page only through which navigation entries are active or current:
    // one per language and combination, shared read-only by every page that has it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Lang, int Flags), ScriptObject> _sites = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NavigationUrls> _navigation = new(StringComparer.Ordinal);

    /// <summary>The navigation entries of one language: their interface-string keys and URLs, without the lists the site does not write.</summary>
    private sealed record NavigationUrls(string[] MainKeys, string[] Main, string[] FooterKeys, string[] Footer, Page? About);

    public ScriptObject Site(Page page, TemplateFunctions functions)
    {
        var urls = _navigation.GetOrAdd(page.Lang, NavigationFor);
        var flags = 0;
        var bit = 0;
        foreach (var url in urls.Main)
        {
            flags |= (page.Url.StartsWith(url, StringComparison.Ordinal) ? 1 : 0) << bit++;
            flags |= (page.Url == url ? 1 : 0) << bit++;
        }

        foreach (var url in urls.Footer)
        {
            flags |= (page.Url == url ? 1 : 0) << bit++;
        }

        flags |= (page == urls.About ? 1 : 0) << bit;
        return _sites.GetOrAdd((page.Lang, flags), static (_, state) => state.Models.BuildSite(state.Page, state.Functions, state.Urls),
            (Models: this, Page: page, Functions: functions, Urls: urls));
    }

    private NavigationUrls NavigationFor(string lang)
    {
        var prefix = _graph.Config.Language(lang)!.Prefix;
        var main = Navigation.Where(n => _graph.Config.Pages.WritesListAt(n.Folder)).ToArray();
        var footer = FooterNavigation.Where(n => _graph.Config.Pages.WritesListAt(n.Folder)).ToArray();
        return new NavigationUrls(
            main.Select(n => n.Key).ToArray(),
            main.Select(n => UrlPaths.Join(prefix, n.Folder)).ToArray(),
            footer.Select(n => n.Key).ToArray(),
            footer.Select(n => UrlPaths.Join(prefix, n.Folder)).ToArray(),
            _graph.ByUrl.GetValueOrDefault(UrlPaths.Join(prefix, "about")));
    }

    private ScriptObject BuildSite(Page page, TemplateFunctions functions, NavigationUrls urls)
    {
        var config = _graph.Config;
        var language = config.Language(page.Lang)!;
        var nav = new ScriptArray();
        for (var i = 0; i < urls.Main.Length; i++)
        {
            var url = urls.Main[i];
            nav.Add(Object(("title", (object?)functions.Translate(urls.MainKeys[i])), ("url", Links.Href(config, url)),
                ("active", page.Url.StartsWith(url, StringComparison.Ordinal)), ("current", page.Url == url)));
        }

        var footerNav = new ScriptArray();
        for (var i = 0; i < urls.Footer.Length; i++)
        {
            var url = urls.Footer[i];
            footerNav.Add(Object(("title", (object?)functions.Translate(urls.FooterKeys[i])), ("url", Links.Href(config, url)), ("current", page.Url == url)));
        }

        if (urls.About is { } about)
        {
            nav.Add(Object(("title", (object?)about.Title), ("url", Links.Href(config, about.Url)), ("active", page == about), ("current", page == about)));
        }

        var site = Object(
            ("title", (object?)config.Title.In(page.Lang, config.LanguageCodes)),
            ("description", config.Description?.In(page.Lang, config.LanguageCodes)),
            ("base_url", config.BaseUrl.ToString()),
            ("home_url", Links.Href(config, UrlPaths.Join(language.Prefix))),
            ("articles_url", config.Pages.ArticleList ? Links.Href(config, UrlPaths.Join(language.Prefix, "articles")) : null),
            ("search_url", config.SearchEnabled ? Links.Href(config, UrlPaths.Join(language.Prefix, "search")) : null),
            ("search_index", Links.Href(config, "/" + Search.SearchStage.IndexFolder(page.Lang))),
            ("lang", page.Lang),
            ("feeds", Object(
                ("atom", (object?)Links.Href(config, "/" + Publishing.FeedEntries.FeedPath(language.Prefix, Publishing.AtomFeed.FileName))),
                ("json", Links.Href(config, "/" + Publishing.FeedEntries.FeedPath(language.Prefix, Publishing.JsonFeed.FileName))))),
            ("nav", nav),
            ("footer_nav", footerNav));
        Freeze(site);
        return site;
    }

    /// <param name="bodyWrites">Records where the layout prints the page's body.</param>
    public ScriptObject Page(Page page, TemplateFunctions functions, EntityModels entities, BodyWrites? bodyWrites = null)
    {
        var config = _graph.Config;
        var title = PageTitle(page, functions);
        // Room for the members a content page or a record adds below (tags … updated_text: eight).
        var model = ModelValues.ObjectWithRoom(8,
            ("kind", (object?)KindName(page.Kind)),
            ("layout_section", page.LayoutSection),
            ("title", title),
            ("json_ld", StructuredData.For(_graph, page, functions, title)),
            ("description", Description(page, entities)),
            ("og_type", page.Kind == PageKind.Article ? "article" : "website"),
            ("og_locale", config.Language(page.Lang)!.Culture.Replace('-', '_')),
            ("url", Links.Href(config, page.Url)),
            ("permalink", Links.Absolute(config, page.Url)),
            ("lang", page.Lang),
            ("date", page.Date),
            ("date_text", page.Date is null ? "" : functions.FormatDate(page.Date)),
            ("date_iso", page.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            ("summary", page.Summary),
            ("content", page.BodyHtml is null ? HtmlContent.Empty : bodyWrites is null ? HtmlContent.FromUtf8(page.BodyHtml) : HtmlContent.Body(page.BodyHtml, bodyWrites)),
            ("items", Array(page.Listed, p => ListItem(p, entities))),
            ("languages", Languages(page)),
            ("alternates", Alternates(page)),
            ("reading_minutes", page.Counts.ReadingMinutes),
            ("word_count", page.Counts.Total),
            ("toc", Array(page.Toc, e => Object(("level", (object?)e.Level), ("id", e.Id), ("text", e.Text)))),
            ("pager", page.Pager is not { } pager ? null : Object(
                ("number", (object?)pager.Number), ("total", pager.Total),
                ("first_url", Links.Href(config, pager.FirstUrl)),
                ("prev_url", pager.PrevUrl is null ? null : Links.Href(config, pager.PrevUrl)),
                ("next_url", pager.NextUrl is null ? null : Links.Href(config, pager.NextUrl)))));

        if (page.Source is { } source)
        {
            var fm = source.FrontMatter;
            var prefix = config.Language(page.Lang)!.Prefix;
            model["tags"] = Array(fm.Tags, t => Object(("name", (object?)t), ("url", Links.Href(config, UrlPaths.Join(prefix, "tags", UrlPaths.TagSlug(t))))));
            model["providers"] = entities.Links(fm.Providers);
            model["cases"] = entities.Links(fm.Cases);
            model["people"] = entities.Links(fm.People);
            model["sources"] = Citations(page, entities);
            model["related"] = Array(page.Related, entities.PageLink);
            model["authors"] = entities.Links(fm.Authors);
            model["updated_text"] = fm.Updated is null ? null : functions.FormatDate(fm.Updated);
        }

        if (page.Entity is { } entity)
        {
            model["entity"] = entities.Model(entity);
        }

        if (page.Filter is { } filter)
        {
            model["explorer"] = Explorer(page, filter, functions);
        }

        if (page.Kind == PageKind.EntityIndex && page.LayoutSection == "cases")
        {
            model["explore_url"] = Links.Href(config, CaseFilter.Everything.UrlPath(config.Language(page.Lang)!.Prefix));
        }

        if (page.Kind == PageKind.EntityIndex && _pictures is not null)
        {
            AddPictures(model, page, functions);
        }

        return model;
    }

    /// <summary>One sentence for meta description and social cards: the summary, the record's summary or role, else the site's description.</summary>
    private string Description(Page page, EntityModels entities)
    {
        var text = page.Summary ?? page.Entity switch
        {
            Provider p => entities.Text(p.Summary)?.Text,
            CaseStudy c => entities.Text(c.Summary)?.Text,
            Person p => entities.Text(p.Role)?.Text,
            Source s => entities.Text(s.Summary)?.Text ?? entities.Text(s.Title)?.Text,
            _ => null,
        };
        return text ?? _graph.Config.Description?.In(page.Lang, _graph.Config.LanguageCodes).Text ?? page.Title;
    }

    /// <summary>The explorer's facets: for each dimension, every value with its count under the other current choices.</summary>
    private ScriptObject Explorer(Page page, CaseFilter filter, TemplateFunctions functions)
    {
        var config = _graph.Config;
        var prefix = config.Language(page.Lang)!.Prefix;
        var cases = _graph.Entities.OfType<CaseStudy>().ToList();
        var facets = new ScriptArray();
        var dimensions = new (string Key, Func<CaseStudy, IEnumerable<string>> Values, Func<string, CaseFilter> With, string Current, string Kind)[]
        {
            ("countries", CaseFilter.Countries, v => filter with { Country = v }, filter.Country, "country"),
            ("industries", CaseFilter.Industries, v => filter with { Industry = v }, filter.Industry, "industry"),
            ("providers", CaseFilter.Providers, v => filter with { Provider = v }, filter.Provider, "provider"),
            ("year", CaseFilter.Years, v => filter with { Year = v }, filter.Year, ""),
        };
        foreach (var (key, values, with, current, kind) in dimensions)
        {
            var options = new ScriptArray();
            foreach (var value in cases.SelectMany(values).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var count = cases.Count(with(value).Matches);
                if (count == 0)
                {
                    continue;
                }

                var name = kind.Length == 0 ? value : _graph.Entities.Find(kind, value)?.DisplayName.In(page.Lang, config.LanguageCodes).Text ?? value;
                options.Add(Object(("value", (object?)value), ("name", name), ("count", count),
                    ("url", Links.Href(config, with(value).UrlPath(prefix))), ("selected", current == value)));
            }

            facets.Add(Object(("key", (object?)key), ("title", functions.Translate(key == "year" ? "year" : "nav_" + key)),
                ("all_url", Links.Href(config, with(CaseFilter.All).UrlPath(prefix))), ("all_selected", current == CaseFilter.All),
                ("options", options)));
        }

        return Object(("facets", (object?)facets), ("count", page.Listed.Count),
            ("reset_url", Links.Href(config, CaseFilter.Everything.UrlPath(prefix))));
    }

    private void AddPictures(ScriptObject model, Page page, TemplateFunctions functions)
    {
        switch (page.LayoutSection)
        {
            case "countries" or "cases":
                if (_pictures!.HasMap)
                {
                    model["map_url"] = _pictures.MapUrl(page.Lang);
                    model["map_countries"] = Array(_pictures.CaseCountries(page.Lang),
                        c => Object(("code", (object?)c.Code), ("name", c.Name), ("count", c.Count), ("url", c.Url)));
                }

                if (page.LayoutSection == "cases")
                {
                    model["timeline"] = _pictures.Timeline(page.Lang, functions);
                }

                break;
            case "providers":
                model["charts"] = _pictures!.ProviderCharts(page.Lang, functions);
                break;
        }
    }

    /// <summary>
    /// The numbered source list that ends an article: its front matter's sources, then any source its
    /// body cites that the front matter does not name, each once, in that order.
    /// </summary>
    private ScriptArray Citations(Page page, EntityModels entities)
    {
        var ids = page.Source!.FrontMatter.Sources.Select(r => "source:" + r.Id)
            .Concat(page.MentionedEntities.Where(k => k.StartsWith("source:", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal);
        var result = new ScriptArray();
        foreach (var id in ids)
        {
            if (_graph.Entities.Find("source", id["source:".Length..]) is { } source)
            {
                var link = entities.Link(source);
                link["number"] = result.Count + 1;
                result.Add(link);
            }
        }

        return result;
    }

    private static string PageTitle(Page page, TemplateFunctions functions) => page.Kind switch
    {
        PageKind.ArticleList => functions.Translate("nav_articles"),
        PageKind.TagIndex => functions.Translate("nav_tags"),
        PageKind.EntityIndex => functions.Translate("nav_" + page.LayoutSection),
        PageKind.Tag => functions.Translate("tag_title").Replace("{0}", page.Title, StringComparison.Ordinal),
        PageKind.NotFound => functions.Translate("not_found_title"),
        PageKind.ArchiveIndex => functions.Translate("archives"),
        PageKind.Search => functions.Translate("search"),
        PageKind.CaseExplorer => functions.Translate("explore_title"),
        PageKind.Mentions => functions.Translate("mentions_title").Replace("{0}", page.Title, StringComparison.Ordinal),
        PageKind.Archive when page.Period is { Month: { } month } period =>
            functions.Translate("archive_title").Replace("{0}", functions.FormatMonth(new DateTimeOffset(period.Year, month, 1, 0, 0, 0, TimeSpan.Zero)), StringComparison.Ordinal),
        PageKind.Archive => functions.Translate("archive_title").Replace("{0}", functions.Translate("year_format").Replace("{0}", page.Title, StringComparison.Ordinal), StringComparison.Ordinal),
        _ => page.Title,
    };

    private ScriptObject ListItem(Page item, EntityModels entities)
    {
        // Room for kind, count and the entity or the months added below.
        var link = entities.PageLink(item, room: 3);
        if (item.Kind == PageKind.Archive && item.Period is { } period)
        {
            link["title"] = period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            link["months"] = ModelValues.Array(
                _graph.Pages.Where(p => p.Kind == PageKind.Archive && p.Lang == item.Lang && p.Period is { Month: not null } m && m.Year == period.Year && p.Pager is not { Number: > 1 })
                    .OrderByDescending(p => p.Period!.Value.Month),
                m => Object(("url", (object?)Links.Href(_graph.Config, m.Url)), ("month", m.Period!.Value.Month), ("count", m.ListTotal),
                    ("name", CultureInfo.GetCultureInfo(_graph.Config.Language(item.Lang)!.Culture).DateTimeFormat.GetMonthName(m.Period!.Value.Month!.Value))));
        }

        link["kind"] = KindName(item.Kind);
        link["count"] = item.ListTotal;
        if (item.Entity is { } entity)
        {
            link["entity"] = entities.Model(entity);
        }

        return link;
    }

    /// <summary>The language switcher: the same page in each other language, or that language's home, marked as such.</summary>
    private ScriptArray Languages(Page page)
    {
        var config = _graph.Config;
        var result = new ScriptArray();
        foreach (var language in config.Languages.Where(l => l.Code != page.Lang))
        {
            var translation = page.Translations.FirstOrDefault(t => t.Lang == language.Code);
            var target = translation?.Url ?? UrlPaths.Join(language.Prefix);
            result.Add(Object(("code", (object?)language.Code), ("name", language.Name), ("url", Links.Href(config, target)),
                ("translated", translation is not null)));
        }

        return result;
    }

    /// <summary>hreflang alternates: this page and each translation, plus x-default for the default language's version.</summary>
    private ScriptArray Alternates(Page page)
    {
        var config = _graph.Config;
        var all = new[] { page }.Concat(page.Translations).OrderBy(p => config.LanguageCodes.ToList().IndexOf(p.Lang)).ToList();
        var result = new ScriptArray();
        if (all.Count < 2)
        {
            return result;
        }

        foreach (var p in all)
        {
            result.Add(Object(("lang", (object?)p.Lang), ("url", Links.Absolute(config, p.Url))));
        }

        var fallback = all.FirstOrDefault(p => p.Lang == config.DefaultLanguage.Code) ?? all[0];
        result.Add(Object(("lang", (object?)"x-default"), ("url", Links.Absolute(config, fallback.Url))));
        return result;
    }

    private static string KindName(PageKind kind) => kind switch
    {
        PageKind.Home => "home",
        PageKind.Article => "article",
        PageKind.Page => "page",
        PageKind.ArticleList => "list",
        PageKind.TagIndex => "tags",
        PageKind.Tag => "tag",
        PageKind.Entity => "entity",
        PageKind.EntityIndex => "entity_index",
        PageKind.NotFound => "404",
        PageKind.Archive => "archive",
        PageKind.Search => "search",
        PageKind.CaseExplorer => "explore",
        PageKind.Mentions => "mentions",
        PageKind.ArchiveIndex => "archives",
        _ => "page",
    };
}
