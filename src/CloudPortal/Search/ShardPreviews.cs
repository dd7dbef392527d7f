using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudPortal.Search;

/// <summary>
/// The entries of the documents a shard's tokens rank first, written into the shard itself, so the first
/// result of a query can be shown as soon as its shards have arrived instead of after a second round trip
/// for its chunk. For each token, most postings first, the document a query of that token alone ranks first
/// (in the title, then term frequency, then document id; for a word form, as a query typing that form ranks
/// them) is taken, then each token's second and third, until the entries would outgrow <see cref="BudgetFor"/>. A query of several tokens usually ranks first a document one of its tokens also
/// ranks first; when not, the reader fetches the chunk as before.
/// </summary>
internal static class ShardPreviews
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// At most half the bytes of the shard's postings, and at least <see cref="SearchIndexFormat.MinPreviewBytes"/>:
    /// a first query fetches its shards whole, so the previews cost every query that reads the shard.
    /// </summary>
    public static int BudgetFor(int postingsBytes) => Math.Max(postingsBytes / 2, SearchIndexFormat.MinPreviewBytes);

    /// <summary>
    /// The previews section of one shard: a JSON array of <c>[doc, url, title, kind, excerpt]</c> in document
    /// order (the entry as its chunk holds it, with its id first), or no bytes when there is none.
    /// </summary>
    public static byte[] Write(
        IEnumerable<(string Token, List<(int Doc, int Frequency, bool InTitle)> Postings)> tokens,
        IReadOnlyList<(string Url, string Title, string Kind, string Excerpt)> documents,
        int budget)
    {
        var all = tokens.ToList();
        var byToken = all.ToDictionary(t => t.Token, t => t.Postings, StringComparer.Ordinal);
        // A word typed in a form other than its stem ("regions") is looked up by the stem, and pages using the
        // form rank higher: its best documents are those of the stem scored with the form's frequencies too.
        // The form lives in its stem's shard, so both are here.
        var byPostings = all.OrderByDescending(t => t.Postings.Count).ThenBy(t => t.Token, StringComparer.Ordinal)
            .Select(t => SearchTokenizer.Stem(t.Token) is var stem && stem != t.Token && byToken.TryGetValue(stem, out var stemPostings)
                ? Best(stemPostings, Depth, t.Postings)
                : Best(t.Postings, Depth))
            .ToList();
        var chosen = new SortedDictionary<int, byte[]>();
        var used = 2; // the brackets of the array
        // Breadth first: every token's first document, then every token's second, and so on; a query of two
        // or three tokens often ranks first a document that one of them ranks second or third.
        for (var rank = 0; rank < Depth; rank++)
        {
            foreach (var best in byPostings)
            {
                if (rank >= best.Count || chosen.ContainsKey(best[rank]))
                {
                    continue;
                }

                var entry = Entry(best[rank], documents[best[rank]]);
                var cost = entry.Length + (chosen.Count > 0 ? 1 : 0);
                if (used + cost > budget)
                {
                    return Join(chosen, used); // the tokens left have fewer postings: cheaper to rank, and less often asked for
                }

                chosen.Add(best[rank], entry);
                used += cost;
            }
        }

        return Join(chosen, used);
    }

    private static byte[] Join(SortedDictionary<int, byte[]> chosen, int used)
    {
        if (chosen.Count == 0)
        {
            return [];
        }

        using var stream = new MemoryStream(used);
        stream.WriteByte((byte)'[');
        var first = true;
        foreach (var entry in chosen.Values)
        {
            if (!first)
            {
                stream.WriteByte((byte)',');
            }

            stream.Write(entry);
            first = false;
        }

        stream.WriteByte((byte)']');
        return stream.ToArray();
    }

    /// <summary>How many of each token's best documents may be previewed.</summary>
    public const int Depth = 3;

    /// <summary>
    /// The <paramref name="count"/> documents a query of this token alone ranks first, best first: in the
    /// title, then term frequency (capped as the shard stores it) plus that of the exact word form typed
    /// (<paramref name="exact"/>, when it is not the token itself), then the lower id.
    /// </summary>
    internal static List<int> Best(List<(int Doc, int Frequency, bool InTitle)> postings, int count,
        List<(int Doc, int Frequency, bool InTitle)>? exact = null)
    {
        var best = new List<(int Doc, int Key)>(count + 1);
        var form = 0;
        foreach (var (doc, frequency, inTitle) in postings)
        {
            var score = Math.Min(frequency, SearchIndexFormat.MaxTermFrequency);
            // Both lists are in document order: the form's postings are walked along with the token's.
            while (exact is not null && form < exact.Count && exact[form].Doc < doc)
            {
                form++;
            }

            if (exact is not null && form < exact.Count && exact[form].Doc == doc)
            {
                score += Math.Min(exact[form].Frequency, SearchIndexFormat.MaxTermFrequency);
            }

            var key = (inTitle ? 1 << 16 : 0) + score;
            // Postings come in document order, so a later one goes before an earlier one only when strictly better.
            var at = best.Count;
            while (at > 0 && key > best[at - 1].Key)
            {
                at--;
            }

            if (at < count)
            {
                best.Insert(at, (doc, key));
                if (best.Count > count)
                {
                    best.RemoveAt(count);
                }
            }
        }

        return best.ConvertAll(b => b.Doc);
    }

    private static byte[] Entry(int doc, (string Url, string Title, string Kind, string Excerpt) document)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartArray();
            json.WriteNumberValue(doc);
            json.WriteStringValue(document.Url);
            json.WriteStringValue(document.Title);
            json.WriteStringValue(document.Kind);
            json.WriteStringValue(document.Excerpt);
            json.WriteEndArray();
        }

        return stream.ToArray();
    }
}
