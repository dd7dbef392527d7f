namespace CloudPortal.Graph;

/// <summary>
/// Related articles: those sharing the most with an article, in the same language. A shared record
/// (provider, case, person, ...) weighs three, a shared tag one, each divided by how common the key is,
/// so a rare shared case says more than a provider half the site mentions. Ties go to the newer article,
/// then the URL, so the result never depends on thread timing.
/// </summary>
internal static class RelatedArticles
{
    public const int Count = 5;

    // Keys shared by more articles than this relate nothing in particular; skipping them keeps the
    // computation near-linear on large sites.
    private const int MaxSharing = 400;

    public static void Compute(SiteGraph graph)
    {
        foreach (var language in graph.Config.LanguageCodes)
        {
            var articles = graph.Pages.Where(p => p.Kind == PageKind.Article && p.Lang == language).ToList();
            var keysOf = articles.ToDictionary(a => a, Keys);
            var postings = new Dictionary<string, List<Page>>(StringComparer.Ordinal);
            foreach (var (article, keys) in keysOf)
            {
                foreach (var key in keys.Keys)
                {
                    if (!postings.TryGetValue(key, out var list))
                    {
                        postings[key] = list = [];
                    }

                    list.Add(article);
                }
            }

            Parallel.ForEach(articles, article =>
            {
                var scores = new Dictionary<Page, double>();
                foreach (var (key, weight) in keysOf[article])
                {
                    var sharing = postings[key];
                    if (sharing.Count > MaxSharing)
                    {
                        continue;
                    }

                    var share = weight / Math.Log2(1 + sharing.Count);
                    foreach (var other in sharing)
                    {
                        if (other != article)
                        {
                            scores[other] = scores.GetValueOrDefault(other) + share;
                        }
                    }
                }

                article.Related = scores
                    .OrderByDescending(s => s.Value)
                    .ThenByDescending(s => s.Key.Date)
                    .ThenBy(s => s.Key.Url, StringComparer.Ordinal)
                    .Take(Count)
                    .Select(s => s.Key)
                    .ToList();
            });
        }
    }

    private static Dictionary<string, double> Keys(Page article)
    {
        var keys = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entity in article.MentionedEntities)
        {
            keys[entity] = 3;
        }

        foreach (var tag in article.Source!.FrontMatter.Tags)
        {
            keys.TryAdd("tag:" + UrlPaths.TagSlug(tag), 1);
        }

        return keys;
    }
}
