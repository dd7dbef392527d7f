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

    public static void Compute(SiteGraph graph, Incremental.RelatedCache? cache = null)
    {
        foreach (var language in graph.Config.LanguageCodes)
        {
            // Articles in rank order for ties: newest first, then by URL. Scores live in arrays by that index.
            var articles = graph.Pages.Where(p => p.Kind == PageKind.Article && p.Lang == language)
                .OrderByDescending(p => p.Date).ThenBy(p => p.Url, StringComparer.Ordinal).ToArray();
            var keysOf = articles.Select(Keys).ToArray();
            if (cache is not null)
            {
                var key = InputKey(articles, keysOf);
                if (!Restore(articles, key, cache))
                {
                    Score(articles, keysOf);
                }

                var position = new Dictionary<Page, int>(articles.Length);
                for (var i = 0; i < articles.Length; i++)
                {
                    position[articles[i]] = i;
                }

                cache.Current[language] = (key, articles.Select(a => a.Related.Select(r => position[r]).ToArray()).ToArray());
                continue;
            }

            Score(articles, keysOf);
        }
    }

    /// <summary>A hash of everything the scores depend on: each article's rank, URL and keys.</summary>
    private static Incremental.Hash128 InputKey(Page[] articles, Dictionary<string, double>[] keysOf)
    {
        // Each article as "url\nkey\tkey…\n", appended piece by piece rather than made into a string first.
        var hash = new System.IO.Hashing.XxHash128();
        var buffer = new byte[1024];
        void Append(string text)
        {
            var needed = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
            if (needed > buffer.Length)
            {
                buffer = new byte[needed];
            }

            hash.Append(buffer.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(text, buffer)));
        }

        var keys = new List<string>();
        for (var i = 0; i < articles.Length; i++)
        {
            Append(articles[i].Url);
            hash.Append("\n"u8);
            keys.Clear();
            keys.AddRange(keysOf[i].Keys);
            keys.Sort(StringComparer.Ordinal);
            for (var k = 0; k < keys.Count; k++)
            {
                if (k > 0)
                {
                    hash.Append("\t"u8);
                }

                Append(keys[k]);
            }

            hash.Append("\n"u8);
        }

        return Incremental.Hash128.Of(hash);
    }

    private static bool Restore(Page[] articles, Incremental.Hash128 key, Incremental.RelatedCache cache)
    {
        if (!cache.Previous.TryGetValue(articles.FirstOrDefault()?.Lang ?? "", out var previous) || previous.Key != key
            || previous.Related.Length != articles.Length || previous.Related.Any(list => list.Any(j => j < 0 || j >= articles.Length)))
        {
            return false;
        }

        for (var i = 0; i < articles.Length; i++)
        {
            articles[i].Related = previous.Related[i].Select(j => articles[j]).ToList();
        }

        return true;
    }

    private static void Score(Page[] articles, Dictionary<string, double>[] keysOf)
    {
        {
            var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < articles.Length; i++)
            {
                foreach (var key in keysOf[i].Keys)
                {
                    if (!postings.TryGetValue(key, out var list))
                    {
                        postings[key] = list = [];
                    }

                    list.Add(i);
                }
            }

            // Scores and the list of articles that got one are reused from article to article on a thread:
            // an article shares a tag with thousands of others in a large site.
            using var scratch = new ThreadLocal<Scratch>(() => new Scratch(new double[articles.Length], []));
            Build.IndexLoop.ForEach(articles.Length, i =>
            {
                var (scores, touched) = scratch.Value!;
                touched.Clear();
                foreach (var (key, weight) in keysOf[i])
                {
                    var sharing = postings[key];
                    if (sharing.Count > MaxSharing)
                    {
                        continue;
                    }

                    var share = weight / Math.Log2(1 + sharing.Count);
                    foreach (var other in sharing)
                    {
                        if (other == i)
                        {
                            continue;
                        }

                        if (scores[other] == 0)
                        {
                            touched.Add(other);
                        }

                        scores[other] += share;
                    }
                }

                articles[i].Related = Top(touched, scores).Select(j => articles[j]).ToList();
                foreach (var j in touched)
                {
                    scores[j] = 0;
                }
            }, run: 16);
        }
    }

    /// <summary>A thread's scores by article and the articles that got one, kept from article to article.</summary>
    private sealed record Scratch(double[] Scores, List<int> Touched);

    /// <summary>The best few by score; equal scores keep the rank order (lower index first).</summary>
    private static List<int> Top(List<int> candidates, double[] scores)
    {
        var best = new List<int>(Count + 1);
        foreach (var candidate in candidates)
        {
            var position = best.Count;
            while (position > 0 && Better(candidate, best[position - 1], scores))
            {
                position--;
            }

            if (position < Count)
            {
                best.Insert(position, candidate);
                if (best.Count > Count)
                {
                    best.RemoveAt(Count);
                }
            }
        }

        return best;
    }

    private static bool Better(int a, int b, double[] scores) => scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    private static Dictionary<string, double> Keys(Page article)
    {
        var keys = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var entity in article.MentionedEntities)
        {
            keys[entity] = 3;
        }

        foreach (var tag in article.Source!.FrontMatter.Tags)
        {
            // A tag's key is its slug (made once per tag): a slug has no ':', so it never meets a record's key.
            keys.TryAdd(UrlPaths.TagSlug(tag), 1);
        }

        return keys;
    }
}
