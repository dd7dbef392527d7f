using System.Text;
using System.Text.Json;

namespace CloudPortal.Search;

/// <summary>
/// A language's index as the last build wrote it, read back from the output folder: each document's
/// entry by id and each token's postings. An incremental build carries the documents of pages it kept
/// from here, so it need not read those pages and tokenize their text again.
/// </summary>
internal sealed class PreviousIndex
{
    private PreviousIndex(string lang, List<(string Url, string Title, string Kind, string Excerpt)> documents,
        Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>> postings)
    {
        Lang = lang;
        Documents = documents;
        Postings = postings;
        ByUrl = new Dictionary<string, int>(documents.Count, StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            ByUrl[documents[i].Url] = i;
        }
    }

    public string Lang { get; }

    public IReadOnlyList<(string Url, string Title, string Kind, string Excerpt)> Documents { get; }

    public Dictionary<string, int> ByUrl { get; }

    public Dictionary<string, List<(int Doc, int Frequency, bool InTitle)>> Postings { get; }

    /// <summary>
    /// The index of <paramref name="lang"/>, or null when a file is missing, changed since that build
    /// (<paramref name="readIntact"/> returns null for those) or not in this version's format.
    /// </summary>
    public static PreviousIndex? Read(string lang, Func<string, byte[]?> readIntact)
    {
        try
        {
            if (readIntact(SearchIndexFormat.ManifestPath(lang)) is not { } manifestBytes)
            {
                return null;
            }

            using var manifest = JsonDocument.Parse(manifestBytes);
            var root = manifest.RootElement;
            if (root.GetProperty("format").GetInt32() != SearchIndexFormat.Version
                || root.GetProperty("chunkSize").GetInt32() != SearchIndexFormat.DocumentsPerChunk)
            {
                return null;
            }

            var count = root.GetProperty("documents").GetInt32();
            var shards = root.GetProperty("shards").GetInt32();
            var documents = new List<(string, string, string, string)>(count);
            for (var chunk = 0; chunk * SearchIndexFormat.DocumentsPerChunk < count; chunk++)
            {
                if (readIntact(SearchIndexFormat.ChunkPath(lang, chunk)) is not { } chunkBytes)
                {
                    return null;
                }

                using var json = JsonDocument.Parse(chunkBytes);
                foreach (var entry in json.RootElement.EnumerateArray())
                {
                    documents.Add((entry[0].GetString()!, entry[1].GetString()!, entry[2].GetString()!, entry[3].GetString()!));
                }
            }

            var postings = new Dictionary<string, List<(int, int, bool)>>(StringComparer.Ordinal);
            for (var shard = 0; shard < shards; shard++)
            {
                if (readIntact(SearchIndexFormat.ShardPath(lang, shard)) is not { } shardBytes || !ReadShard(shardBytes, postings))
                {
                    return null;
                }
            }

            return documents.Count == count ? new PreviousIndex(lang, documents, postings) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
        {
            return null; // not an index this version wrote: the build indexes every page instead
        }
    }

    /// <summary>Decodes one shard (see <c>SearchIndexWriter.EncodeEntry</c>) into <paramref name="postings"/>.</summary>
    private static bool ReadShard(ReadOnlySpan<byte> bytes, Dictionary<string, List<(int, int, bool)>> postings)
    {
        if (!bytes.StartsWith(SearchIndexFormat.ShardMagic))
        {
            return false;
        }

        var at = SearchIndexFormat.ShardMagic.Length;
        var previews = SearchIndexFormat.ReadVarInt(bytes, ref at);
        at += previews; // skipped: the chunks hold the same entries
        for (var entries = SearchIndexFormat.ReadVarInt(bytes, ref at); entries > 0; entries--)
        {
            var length = SearchIndexFormat.ReadVarInt(bytes, ref at);
            var token = Encoding.UTF8.GetString(bytes.Slice(at, length));
            at += length;
            var count = SearchIndexFormat.ReadVarInt(bytes, ref at);
            SearchIndexFormat.ReadVarInt(bytes, ref at); // byte length of the postings
            var list = new List<(int, int, bool)>(count);
            var doc = 0;
            for (var i = 0; i < count; i++)
            {
                doc += SearchIndexFormat.ReadVarInt(bytes, ref at);
                var value = SearchIndexFormat.ReadVarInt(bytes, ref at);
                list.Add((doc, value >> 1, (value & 1) == 1));
            }

            postings[token] = list;
        }

        return at == bytes.Length;
    }
}
