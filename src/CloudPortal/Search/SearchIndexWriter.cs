using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudPortal.Search;

/// <summary>
/// Collects the pages of a build (from any thread) and writes the static search index of each language
/// under <c>search/&lt;lang&gt;/</c>: a small manifest, token postings split into shards by a hash of the
/// token, and document metadata in chunks of <see cref="SearchIndexFormat.DocumentsPerChunk"/>, so that a
/// query fetches only the few files it needs. The output depends only on the set of documents, never on the
/// order they were added in.
/// </summary>
internal sealed class SearchIndexWriter
{
    /// <summary>The kinds of page a <see cref="SearchDocument"/> may have; the theme labels each one.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["article", "case", "provider", "person", "source", "organisation", "industry", "country", "page", "tag", "list"];

    // The manifest and chunks are read with fetch().json(), never put into HTML, so Chinese stays readable
    // (and a third the size of \u escapes).
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<(string Lang, string Url), SearchDocument> _documents = new();
    private readonly ConcurrentDictionary<(string Lang, string Url), (string Kind, string Title)> _carried = new();
    private readonly Dictionary<string, PreviousIndex> _previous = new(StringComparer.Ordinal);
    private readonly int _targetShardBytes;

    /// <param name="targetShardBytes">About how many bytes of postings one shard file should hold; tests make it small to get many shards.</param>
    public SearchIndexWriter(int targetShardBytes = SearchIndexFormat.DefaultTargetShardBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetShardBytes, 1);
        _targetShardBytes = targetShardBytes;
    }

    public void Add(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Lang.Length == 0 || !document.Lang.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Search document {document.Url}: language '{document.Lang}' is not a plain language code.", nameof(document));
        }

        if (!Kinds.Contains(document.Kind))
        {
            throw new ArgumentException($"Search document {document.Url}: kind '{document.Kind}' is not one of {string.Join(", ", Kinds)}.", nameof(document));
        }

        if (!_documents.TryAdd((document.Lang, document.Url), document))
        {
            // Keeping either copy would make the output depend on the order of Add calls.
            throw new ArgumentException($"Search document {document.Url} ({document.Lang}) was added twice.", nameof(document));
        }
    }

    /// <summary>
    /// A page whose text is unchanged since the last build (an incremental build kept it): its entry and
    /// postings are taken from that build's index (<see cref="UsePrevious"/>) instead of from its text.
    /// </summary>
    public void AddCarried(string lang, string url, string kind, string title)
    {
        if (!_carried.TryAdd((lang, url), (kind, title)))
        {
            throw new ArgumentException($"Search document {url} ({lang}) was carried twice.", nameof(url));
        }
    }

    /// <summary>The last build's index of a language, which carried documents come from.</summary>
    public void UsePrevious(PreviousIndex previous) => _previous[previous.Lang] = previous;

    /// <summary>True when the last build's index of <paramref name="lang"/> holds every carried document as it is now.</summary>
    public static bool Covers(PreviousIndex? previous, IEnumerable<(string Url, string Kind, string Title)> carried)
    {
        if (previous is null)
        {
            return false;
        }

        var byUrl = previous.ByUrl;
        return carried.All(c => byUrl.TryGetValue(c.Url, out var id) && previous.Documents[id].Kind == c.Kind && previous.Documents[id].Title == c.Title);
    }

    /// <summary>The index files, sorted by path; paths are relative to the site output root and use '/'.</summary>
    public IReadOnlyList<(string OutputPath, byte[] Content)> Build()
    {
        var files = new List<(string OutputPath, byte[] Content)>();
        var languages = _documents.Keys.Select(k => k.Lang).Concat(_carried.Keys.Select(k => k.Lang)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            // Document ids follow URL order, which makes them independent of the order of Add calls.
            var documents = _documents.Values.Where(d => d.Lang == lang).OrderBy(d => d.Url, StringComparer.Ordinal).ToArray();
            var carried = _carried.Where(c => c.Key.Lang == lang).Select(c => (c.Key.Url, c.Value.Kind, c.Value.Title)).ToList();
            if (carried.Count == 0)
            {
                files.AddRange(BuildLanguage(lang, documents.Select(Entry).ToList(), CollectPostings(documents)));
                continue;
            }

            var previous = _previous.GetValueOrDefault(lang);
            if (!Covers(previous, carried))
            {
                throw new InvalidOperationException($"The last build's {lang} search index does not hold every carried page; add their text instead.");
            }

            files.AddRange(Merge(lang, documents, carried.Select(c => c.Url).ToHashSet(StringComparer.Ordinal), previous!));
        }

        return files.OrderBy(f => f.OutputPath, StringComparer.Ordinal).ToList();
    }

    private static (string Url, string Title, string Kind, string Excerpt) Entry(SearchDocument d) => (d.Url, d.Title, d.Kind, Excerpt(d.Text));

    /// <summary>
    /// The index of new documents plus carried ones from the last build: the carried documents' postings
    /// are moved to their new ids (URL order is kept, so each list stays sorted), the new documents'
    /// postings added, the lists they touch sorted again. Identical to indexing every text anew.
    /// </summary>
    private List<(string OutputPath, byte[] Content)> Merge(string lang, SearchDocument[] added, HashSet<string> carried, PreviousIndex previous)
    {
        var entries = added.Select(Entry)
            .Concat(previous.Documents.Where(d => carried.Contains(d.Url)))
            .OrderBy(e => e.Url, StringComparer.Ordinal)
            .ToList();
        var newId = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            newId[entries[i].Url] = i;
        }

        var moved = previous.Documents.Select(d => carried.Contains(d.Url) ? newId[d.Url] : -1).ToArray();
        var postings = new Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>>(previous.Postings.Count, StringComparer.Ordinal);
        foreach (var (token, list) in previous.Postings)
        {
            var kept = new List<(int Doc, int Frequency, bool InTitle)>(list.Count);
            foreach (var (doc, frequency, inTitle) in list)
            {
                if (moved[doc] >= 0)
                {
                    kept.Add((moved[doc], frequency, inTitle));
                }
            }

            if (kept.Count > 0)
            {
                postings[token] = kept;
            }
        }

        var touched = new HashSet<string>(StringComparer.Ordinal);
        var terms = new Dictionary<string, (int Frequency, bool InTitle)>[added.Length];
        CloudPortal.Build.IndexLoop.ForEach(added.Length, i => terms[i] = Terms(added[i]), run: 1);
        for (var i = 0; i < added.Length; i++)
        {
            var doc = newId[added[i].Url];
            foreach (var (token, (frequency, inTitle)) in terms[i])
            {
                (CollectionsMarshal.GetValueRefOrAddDefault(postings, token, out _) ??= []).Add((doc, frequency, inTitle));
                touched.Add(token);
            }
        }

        foreach (var token in touched)
        {
            postings[token].Sort((a, b) => a.Doc.CompareTo(b.Doc));
        }

        return BuildLanguage(lang, entries, postings);
    }

    private List<(string OutputPath, byte[] Content)> BuildLanguage(string lang, IReadOnlyList<(string Url, string Title, string Kind, string Excerpt)> documents,
        Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>> postings)
    {

        var entries = postings
            .Select(p => (Token: p.Key, Bytes: EncodeEntry(p.Key, p.Value)))
            .ToList();
        var total = entries.Sum(e => (long)e.Bytes.Length);
        var shardCount = 1;
        while (shardCount < SearchIndexFormat.MaxShards && (long)shardCount * _targetShardBytes < total)
        {
            shardCount *= 2;
        }

        var files = new List<(string OutputPath, byte[] Content)>();
        var shards = entries
            .ToLookup(e => SearchIndexFormat.ShardOf(e.Token, shardCount));
        for (var shard = 0; shard < shardCount; shard++)
        {
            // Every shard is written, even an empty one, so the browser never asks for a missing file.
            var inShard = shards[shard].OrderBy(e => e.Token, StringComparer.Ordinal).ToList();
            var tokens = new string[inShard.Count];
            var tokenPostings = new List<(int Doc, int Frequency, bool InTitle)>[inShard.Count];
            var postingsBytes = 0;
            for (var i = 0; i < inShard.Count; i++)
            {
                (tokens[i], tokenPostings[i]) = (inShard[i].Token, postings[inShard[i].Token]);
                postingsBytes += inShard[i].Bytes.Length;
            }

            var previews = ShardPreviews.Write(tokens, tokenPostings, documents, ShardPreviews.BudgetFor(postingsBytes));
            using var stream = new MemoryStream();
            stream.Write(SearchIndexFormat.ShardMagic);
            SearchIndexFormat.WriteVarInt(stream, previews.Length);
            stream.Write(previews);
            SearchIndexFormat.WriteVarInt(stream, inShard.Count);
            foreach (var entry in inShard)
            {
                stream.Write(entry.Bytes);
            }

            files.Add((SearchIndexFormat.ShardPath(lang, shard), stream.ToArray()));
        }

        for (var chunk = 0; chunk * SearchIndexFormat.DocumentsPerChunk < documents.Count; chunk++)
        {
            var slice = documents.Skip(chunk * SearchIndexFormat.DocumentsPerChunk).Take(SearchIndexFormat.DocumentsPerChunk);
            files.Add((SearchIndexFormat.ChunkPath(lang, chunk), WriteChunk(slice)));
        }

        // The version changes whenever any file does; the browser adds it to every shard and chunk URL, so
        // a cached file of an older build is never combined with a newer manifest.
        var hash = new XxHash64();
        foreach (var (path, content) in files.OrderBy(f => f.OutputPath, StringComparer.Ordinal))
        {
            hash.Append(Encoding.UTF8.GetBytes(path));
            hash.Append(content);
        }

        files.Add((SearchIndexFormat.ManifestPath(lang), WriteManifest(lang, Convert.ToHexStringLower(hash.GetCurrentHash()), documents.Count, shardCount)));
        return files;
    }

    /// <summary>Per token, its postings in document order as (document id, frequency, in title).</summary>
    private static Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>> CollectPostings(SearchDocument[] documents)
    {
        // Tokenizing is the expensive part and runs in parallel, a batch at a time so that only one batch's
        // term tables are held; merging runs in document order, so postings come out sorted without a sort.
        const int batchSize = 256;
        var postings = new Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>>(StringComparer.Ordinal);
        var terms = new Dictionary<string, (int Frequency, bool InTitle)>[Math.Min(batchSize, documents.Length)];
        for (var start = 0; start < documents.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, documents.Length - start);
            CloudPortal.Build.IndexLoop.ForEach(count, i => terms[i] = Terms(documents[start + i]), run: 1);
            for (var i = 0; i < count; i++)
            {
                foreach (var (token, (frequency, inTitle)) in terms[i])
                {
                    (CollectionsMarshal.GetValueRefOrAddDefault(postings, token, out _) ??= []).Add((start + i, frequency, inTitle));
                }
            }
        }

        return postings;
    }

    private static Dictionary<string, (int Frequency, bool InTitle)> Terms(SearchDocument document)
    {
        var terms = new Dictionary<string, (int Frequency, bool InTitle)>(StringComparer.Ordinal);
        foreach (var token in SearchTokenizer.Tokenize(document.Title))
        {
            ref var term = ref CollectionsMarshal.GetValueRefOrAddDefault(terms, token, out _);
            term = (term.Frequency + 1, true);
        }

        foreach (var token in SearchTokenizer.Tokenize(document.Text))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(terms, token, out _).Frequency++;
        }

        return terms;
    }

    /// <summary>
    /// One token of a shard: token length and UTF-8, posting count, byte length of the postings, then per
    /// posting the document id (the first absolute, then the gap from the previous) and
    /// frequency × 2 + (1 if in the title), all as unsigned LEB128 varints.
    /// </summary>
    private static byte[] EncodeEntry(string token, List<(int Doc, int Frequency, bool InTitle)> postings)
    {
        using var body = new MemoryStream();
        var previous = 0;
        foreach (var (doc, frequency, inTitle) in postings)
        {
            SearchIndexFormat.WriteVarInt(body, doc - previous);
            SearchIndexFormat.WriteVarInt(body, Math.Min(frequency, SearchIndexFormat.MaxTermFrequency) * 2 + (inTitle ? 1 : 0));
            previous = doc;
        }

        using var entry = new MemoryStream();
        var utf8 = Encoding.UTF8.GetBytes(token);
        SearchIndexFormat.WriteVarInt(entry, utf8.Length);
        entry.Write(utf8);
        SearchIndexFormat.WriteVarInt(entry, postings.Count);
        SearchIndexFormat.WriteVarInt(entry, (int)body.Length);
        body.WriteTo(entry);
        return entry.ToArray();
    }

    /// <summary>A chunk is a JSON array with one [url, title, kind, excerpt] array per document, in id order.</summary>
    private static byte[] WriteChunk(IEnumerable<(string Url, string Title, string Kind, string Excerpt)> documents)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var document in documents)
            {
                json.WriteStartArray();
                json.WriteStringValue(document.Url);
                json.WriteStringValue(document.Title);
                json.WriteStringValue(document.Kind);
                json.WriteStringValue(document.Excerpt);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static byte[] WriteManifest(string lang, string version, int documentCount, int shardCount)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("format", SearchIndexFormat.Version);
            json.WriteString("lang", lang);
            json.WriteString("version", version);
            json.WriteNumber("documents", documentCount);
            json.WriteNumber("shards", shardCount);
            json.WriteNumber("chunkSize", SearchIndexFormat.DocumentsPerChunk);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>
    /// The start of the text with white space collapsed, about <see cref="SearchIndexFormat.ExcerptLength"/>
    /// characters, cut at a space when one is near (so Latin words stay whole) and ending in "…" when cut.
    /// </summary>
    internal static string Excerpt(string text)
    {
        var builder = new StringBuilder(SearchIndexFormat.ExcerptLength + 1);
        var pendingSpace = false;
        var cut = false;
        var insideWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (builder.Length + (pendingSpace ? 2 : 1) > SearchIndexFormat.ExcerptLength)
            {
                // Cut inside a Latin word: back off to the last space. Between words, or in CJK text, which
                // has no spaces to back off to, the cut stays where it is.
                cut = true;
                insideWord = !pendingSpace && builder.Length > 0 && char.IsLetterOrDigit(builder[^1]) && char.IsLetterOrDigit(c) && c < '\u2E80';
                break;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        if (!cut)
        {
            return builder.ToString();
        }

        var excerpt = builder.ToString();
        if (char.IsHighSurrogate(excerpt[^1]))
        {
            excerpt = excerpt[..^1];
        }

        var space = excerpt.LastIndexOf(' ');
        if (insideWord && space > 0 && excerpt.Length - space < 40)
        {
            excerpt = excerpt[..space];
        }

        return excerpt + "…";
    }
}
