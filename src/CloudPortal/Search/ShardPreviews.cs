using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudPortal.Search;

/// <summary>
/// The entries of the documents a shard's tokens rank first, written into the shard itself, so the first
/// result of a query can be shown as soon as its shards have arrived instead of after a second round trip
/// for its chunk. For each token, most postings first, the document a query of that token alone ranks first
/// (in the title, then term frequency, then document id; for a word form, as a query typing that form ranks
/// them) is taken, then each token's second and third, until the entries would outgrow
/// <see cref="BudgetFor"/>. A query of several tokens usually ranks first a document one of its tokens also
/// ranks first; when not, the reader fetches the chunk as before.
/// </summary>
/// <remarks>
/// Arrays and classes rather than collections of value tuples: generic code over value types from the base
/// library is compiled at run time (ReadyToRun has none for them), which cost the portal's own build 40 ms.
/// </remarks>
internal static class ShardPreviews
{
    /// <summary>How many of each token's best documents may be previewed.</summary>
    public const int Depth = 3;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// At most half the bytes of the shard's postings, and at least <see cref="SearchIndexFormat.MinPreviewBytes"/>:
    /// a first query fetches its shards whole, so the previews cost every query that reads the shard.
    /// </summary>
    public static int BudgetFor(int postingsBytes) => Math.Max(postingsBytes / 2, SearchIndexFormat.MinPreviewBytes);

    private sealed class Candidate(string token, int postings, int[] best)
    {
        public string Token { get; } = token;

        public int Postings { get; } = postings;

        public int[] Best { get; } = best;
    }

    private sealed class MostPostingsFirst : IComparer<Candidate>
    {
        public static readonly MostPostingsFirst Instance = new();

        public int Compare(Candidate? x, Candidate? y) =>
            x!.Postings != y!.Postings ? y.Postings.CompareTo(x.Postings) : string.CompareOrdinal(x.Token, y.Token);
    }

    /// <summary>
    /// The previews section of one shard: a JSON array of <c>[doc, url, title, kind, excerpt]</c> in document
    /// order (the entry as its chunk holds it, with its id first), or no bytes when there is none.
    /// </summary>
    /// <param name="tokens">The shard's tokens, and <paramref name="postings"/> the postings of each.</param>
    public static byte[] Write(
        string[] tokens,
        List<(int Doc, int Frequency, bool InTitle)>[] postings,
        IReadOnlyList<(string Url, string Title, string Kind, string Excerpt)> documents,
        int budget)
    {
        var byToken = new Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>>(tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            byToken[tokens[i]] = postings[i];
        }

        var candidates = new Candidate[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            // A word typed in a form other than its stem ("regions") is looked up by the stem, and pages using
            // the form rank higher: its best documents are those of the stem scored with the form's frequencies
            // too. The form lives in its stem's shard, so both are here.
            var stem = SearchTokenizer.Stem(tokens[i]);
            var best = stem != tokens[i] && byToken.TryGetValue(stem, out var stemPostings)
                ? Best(stemPostings, Depth, postings[i])
                : Best(postings[i], Depth);
            candidates[i] = new Candidate(tokens[i], postings[i].Count, best);
        }

        Array.Sort(candidates, MostPostingsFirst.Instance);
        var chosen = new byte[]?[documents.Count];
        var count = 0;
        var used = 2; // the brackets of the array
        // Breadth first: every token's first document, then every token's second, and so on; a query of two
        // or three tokens often ranks first a document that one of them ranks second or third.
        for (var rank = 0; rank < Depth; rank++)
        {
            foreach (var candidate in candidates)
            {
                if (rank >= candidate.Best.Length || chosen[candidate.Best[rank]] is not null)
                {
                    continue;
                }

                var doc = candidate.Best[rank];
                var entry = Entry(doc, documents[doc]);
                var cost = entry.Length + (count > 0 ? 1 : 0);
                if (used + cost > budget)
                {
                    // The tokens left have fewer postings: cheaper to rank, and less often asked for.
                    return Join(chosen, count, used);
                }

                chosen[doc] = entry;
                count++;
                used += cost;
            }
        }

        return Join(chosen, count, used);
    }

    private static byte[] Join(byte[]?[] chosen, int count, int used)
    {
        if (count == 0)
        {
            return [];
        }

        using var stream = new MemoryStream(used);
        stream.WriteByte((byte)'[');
        var first = true;
        foreach (var entry in chosen)
        {
            if (entry is null)
            {
                continue;
            }

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

    /// <summary>
    /// The <paramref name="count"/> documents a query of this token alone ranks first, best first: in the
    /// title, then term frequency (capped as the shard stores it) plus that of the exact word form typed
    /// (<paramref name="exact"/>, when it is not the token itself), then the lower id.
    /// </summary>
    internal static int[] Best(List<(int Doc, int Frequency, bool InTitle)> postings, int count,
        List<(int Doc, int Frequency, bool InTitle)>? exact = null)
    {
        var docs = new int[count];
        var keys = new int[count];
        var found = 0;
        // Both lists are in document order: the form's postings are walked along with the token's.
        var forms = (exact ?? []).GetEnumerator();
        var form = forms.MoveNext() ? forms.Current : (Doc: int.MaxValue, Frequency: 0, InTitle: false);
        foreach (var (doc, frequency, inTitle) in postings)
        {
            while (form.Doc < doc)
            {
                form = forms.MoveNext() ? forms.Current : (int.MaxValue, 0, false);
            }

            var score = Math.Min(frequency, SearchIndexFormat.MaxTermFrequency)
                + (form.Doc == doc ? Math.Min(form.Frequency, SearchIndexFormat.MaxTermFrequency) : 0);
            var key = (inTitle ? 1 << 16 : 0) + score;
            // Postings come in document order, so a later one goes before an earlier one only when strictly better.
            var at = found;
            while (at > 0 && key > keys[at - 1])
            {
                at--;
            }

            if (at == count)
            {
                continue;
            }

            var moved = Math.Min(found, count - 1) - at;
            Array.Copy(docs, at, docs, at + 1, moved);
            Array.Copy(keys, at, keys, at + 1, moved);
            docs[at] = doc;
            keys[at] = key;
            found = Math.Min(found + 1, count);
        }

        Array.Resize(ref docs, found);
        return docs;
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
