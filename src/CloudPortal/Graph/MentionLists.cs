namespace CloudPortal.Graph;

/// <summary>
/// An entity page shows its newest articles; when more articles mention it than fit on one list page,
/// they are all listed, paginated, at <c>&lt;entity&gt;/articles/</c> (page N at
/// <c>&lt;entity&gt;/articles/page/N/</c>), so a provider that thousands of articles mention keeps a
/// light page.
/// </summary>
internal static class MentionLists
{
    public static void Add(SiteGraph graph)
    {
        if (!graph.Config.Pages.MentionLists)
        {
            return;
        }

        var added = new List<Page>();
        foreach (var entityPage in graph.Pages.Where(p => p.Kind == PageKind.Entity).ToList())
        {
            var articles = graph.Backlinks.PagesMentioning(entityPage.Entity!, entityPage.Lang).Where(p => p.Kind == PageKind.Article).ToList();
            if (articles.Count <= graph.Config.PageSize)
            {
                continue;
            }

            var url = entityPage.Url + "articles/";
            var total = (articles.Count + graph.Config.PageSize - 1) / graph.Config.PageSize;
            for (var number = 1; number <= total; number++)
            {
                var page = new Page(PageKind.Mentions, entityPage.Lang, Pager.UrlOf(url, number), entityPage.Title, "mentions",
                    $"mentions:{entityPage.TranslationKey}#{number}")
                {
                    Entity = entityPage.Entity,
                    Pager = total == 1 ? null : new Pager(number, total, url,
                        number > 1 ? Pager.UrlOf(url, number - 1) : null,
                        number < total ? Pager.UrlOf(url, number + 1) : null),
                };
                page.Listed = articles.Skip((number - 1) * graph.Config.PageSize).Take(graph.Config.PageSize).ToList();
                page.ListTotal = articles.Count;
                added.Add(page);
            }
        }

        foreach (var group in added.GroupBy(p => p.TranslationKey))
        {
            foreach (var page in group)
            {
                foreach (var other in group.Where(o => o != page).OrderBy(o => graph.Config.LanguageCodes.ToList().IndexOf(o.Lang)))
                {
                    page.AddTranslation(other);
                }
            }
        }

        graph.AddPages(added);
    }
}
