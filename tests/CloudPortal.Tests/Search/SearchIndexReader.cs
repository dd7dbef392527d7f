using System.Text;
using System.Text.Json;
using CloudPortal.Search;

namespace CloudPortal.Tests.Search;

/// <summary>
/// Reads one language's index the way search-core.js does: the manifest, then only the shards of the query's
/// tokens, then only the chunks of the hits asked for. Records every file it reads, so tests can check what a
/// query costs.
/// </summary>
internal sealed class SearchIndexReader
{
    private readonly Func<string, byte[]> _load;
    private readonly string _root;
    private readonly Dictionary<int, Dictionary<string, (int Count, byte[] Bytes)>> _shards = [];
    private readonly Dictionary<int, JsonElement> _chunks = [];
    private readonly Dictionary<int, Document> _previews = [];

    private SearchIndexReader(Func<string, byte[]> load, string root, JsonElement manifest)
    {
        _load = load;
        _root = root;
        Shards = manifest.GetProperty("shards").GetInt32();
        ChunkSize = manifest.GetProperty("chunkSize").GetInt32();
        Lang = manifest.GetProperty("lang").GetString()!;
    }

    public sealed record Hit(int Doc, int TitleHits, int Score);

    public sealed record Document(int Doc, string Url, string Title, string Kind, string Excerpt);

    public int Shards { get; }

    public int ChunkSize { get; }

    public string Lang { get; }

    /// <summary>The files read so far, relative to the site root, each with its size.</summary>
    public List<(string Path, int Bytes)> Fetched { get; } = [];

    public static SearchIndexReader Open(IReadOnlyList<(string OutputPath, byte[] Content)> files, string lang)
    {
        var byPath = files.ToDictionary(f => f.OutputPath, f => f.Content, StringComparer.Ordinal);
        return Open(path => byPath[path], lang);
    }

    /// <param name="load">Reads a file by its path relative to the site output root.</param>
    public static SearchIndexReader Open(Func<string, byte[]> load, string lang)
    {
        var root = $"search/{lang}/";
        var bytes = load(root + "index.json");
        var manifest = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(SearchIndexFormat.Version, manifest.GetProperty("format").GetInt32());
        var reader = new SearchIndexReader(load, root, manifest);
        reader.Fetched.Add((root + "index.json", bytes.Length));
        return reader;
    }

    /// <summary>Every document holding all of the query's tokens, best first (see rank in search-core.js).</summary>
    public List<Hit> Search(string query)
    {
        var terms = SearchTokenizer.QueryTerms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var loaded = terms.Select(t => SearchIndexFormat.ShardOf(t.Token, Shards)).Distinct().ToDictionary(s => s, Shard);
        var required = new List<List<(int Doc, int Frequency, bool InTitle)>>();
        var exact = new List<List<(int Doc, int Frequency, bool InTitle)>>();
        foreach (var (token, form) in terms)
        {
            if (!loaded[SearchIndexFormat.ShardOf(token, Shards)].TryGetValue(token, out var entry))
            {
                return [];
            }

            required.Add(Decode(entry));
            // Like the JS: the exact form counts only when its shard is already loaded.
            if (form is not null && loaded.TryGetValue(SearchIndexFormat.ShardOf(form, Shards), out var shard) && shard.TryGetValue(form, out var formEntry))
            {
                exact.Add(Decode(formEntry));
            }
        }

        var lists = required.OrderBy(l => l.Count).ToList();
        var hits = lists[0].ToDictionary(p => p.Doc, p => (TitleHits: p.InTitle ? 1 : 0, Score: p.Frequency));
        foreach (var list in lists.Skip(1))
        {
            hits = list.Where(p => hits.ContainsKey(p.Doc))
                .ToDictionary(p => p.Doc, p => (hits[p.Doc].TitleHits + (p.InTitle ? 1 : 0), hits[p.Doc].Score + p.Frequency));
        }

        foreach (var (doc, frequency, _) in exact.SelectMany(l => l).Where(p => hits.ContainsKey(p.Doc)))
        {
            hits[doc] = (hits[doc].TitleHits, hits[doc].Score + frequency);
        }

        return hits.Select(h => new Hit(h.Key, h.Value.TitleHits, h.Value.Score))
            .OrderByDescending(h => h.TitleHits).ThenByDescending(h => h.Score).ThenBy(h => h.Doc)
            .ToList();
    }

    public List<Document> Documents(IEnumerable<Hit> hits) =>
        hits.Select(h =>
        {
            var entry = Chunk(h.Doc / ChunkSize)[h.Doc % ChunkSize];
            return new Document(h.Doc, entry[0].GetString()!, entry[1].GetString()!, entry[2].GetString()!, entry[3].GetString()!);
        }).ToList();

    /// <summary>The tokens of a shard with their posting counts; reads the shard like a query would.</summary>
    public IEnumerable<(string Token, int Count)> Tokens(int shard) => Shard(shard).Select(t => (t.Key, t.Value.Count));

    /// <summary>A document's entry from the previews of the shards read so far, or null: no file is read.</summary>
    public Document? Preview(int doc) => _previews.GetValueOrDefault(doc);

    /// <summary>The URLs of every match, best first.</summary>
    public List<string> Urls(string query) => Documents(Search(query)).Select(d => d.Url).ToList();

    private Dictionary<string, (int Count, byte[] Bytes)> Shard(int shard)
    {
        if (_shards.TryGetValue(shard, out var tokens))
        {
            return tokens;
        }

        var path = $"{_root}shards/{shard}.bin";
        var bytes = _load(path);
        Fetched.Add((path, bytes.Length));
        Assert.Equal("CPS2", Encoding.ASCII.GetString(bytes, 0, 4));
        tokens = new Dictionary<string, (int Count, byte[] Bytes)>(StringComparer.Ordinal);
        var position = 4;
        var previewLength = SearchIndexFormat.ReadVarInt(bytes, ref position);
        if (previewLength > 0)
        {
            foreach (var entry in JsonDocument.Parse(bytes.AsMemory(position, previewLength)).RootElement.EnumerateArray())
            {
                var doc = entry[0].GetInt32();
                _previews[doc] = new Document(doc, entry[1].GetString()!, entry[2].GetString()!, entry[3].GetString()!, entry[4].GetString()!);
            }
        }

        position += previewLength;
        for (var n = SearchIndexFormat.ReadVarInt(bytes, ref position); n > 0; n--)
        {
            var length = SearchIndexFormat.ReadVarInt(bytes, ref position);
            var token = Encoding.UTF8.GetString(bytes, position, length);
            position += length;
            var count = SearchIndexFormat.ReadVarInt(bytes, ref position);
            var size = SearchIndexFormat.ReadVarInt(bytes, ref position);
            tokens.Add(token, (count, bytes[position..(position + size)]));
            position += size;
        }

        Assert.Equal(bytes.Length, position);
        _shards[shard] = tokens;
        return tokens;
    }

    private static List<(int Doc, int Frequency, bool InTitle)> Decode((int Count, byte[] Bytes) entry)
    {
        var postings = new List<(int Doc, int Frequency, bool InTitle)>(entry.Count);
        var position = 0;
        var doc = 0;
        for (var n = 0; n < entry.Count; n++)
        {
            doc += SearchIndexFormat.ReadVarInt(entry.Bytes, ref position);
            var value = SearchIndexFormat.ReadVarInt(entry.Bytes, ref position);
            postings.Add((doc, value >> 1, (value & 1) == 1));
        }

        return postings;
    }

    private JsonElement Chunk(int chunk)
    {
        if (!_chunks.TryGetValue(chunk, out var documents))
        {
            var path = $"{_root}docs/{chunk}.json";
            var bytes = _load(path);
            Fetched.Add((path, bytes.Length));
            documents = JsonDocument.Parse(bytes).RootElement;
            _chunks[chunk] = documents;
        }

        return documents;
    }
}
