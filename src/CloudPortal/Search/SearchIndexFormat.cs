using System.Text;

namespace CloudPortal.Search;

/// <summary>
/// The constants and small encodings of the index files that the writer and the readers (search-core.js
/// and the tests' reader) share. docs/SEARCH.md describes the layout.
/// </summary>
internal static class SearchIndexFormat
{
    /// <summary>Written to the manifest; search-core.js refuses an index of another format.</summary>
    public const int Version = 2;

    /// <summary>The first four bytes of every shard file (format 2: with the previews section).</summary>
    public static ReadOnlySpan<byte> ShardMagic => "CPS2"u8;

    /// <summary>
    /// Documents per metadata chunk. The ten hits shown first are spread over the whole site, so each usually
    /// costs one chunk: small chunks keep a first query's bytes down (about 3.5 KB a chunk of Chinese pages).
    /// </summary>
    public const int DocumentsPerChunk = 4;

    public const int ExcerptLength = 300;

    /// <summary>Term frequencies are capped so a posting's second number fits two varint bytes.</summary>
    public const int MaxTermFrequency = 255;

    /// <summary>
    /// About this many bytes of postings per shard: the shard count is the smallest power of two that keeps
    /// the average at or under it (512 shards for 5,000 Chinese articles), up to <see cref="MaxShards"/>.
    /// </summary>
    public const int DefaultTargetShardBytes = 16 * 1024;

    public const int MaxShards = 4096;

    /// <summary>The least room a shard gives its previews (see <c>ShardPreviews</c>), so a small site's shards hold some.</summary>
    public const int MinPreviewBytes = 2 * 1024;

    public static string ManifestPath(string lang) => $"search/{lang}/index.json";

    public static string ShardPath(string lang, int shard) => $"search/{lang}/shards/{shard}.bin";

    public static string ChunkPath(string lang, int chunk) => $"search/{lang}/docs/{chunk}.json";

    /// <summary>
    /// The shard of a token: FNV-1a (32 bit) of the UTF-8 of its stem, modulo the shard count. Hashing the
    /// stem rather than the token puts "regions" in the shard of "region", so a query that looks up the stem
    /// finds the exact word form in the same file and can rank it higher without another fetch.
    /// </summary>
    public static int ShardOf(string token, int shardCount) => (int)(Fnv1a(SearchTokenizer.Stem(token)) % (uint)shardCount);

    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    public static void WriteVarInt(Stream stream, int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            stream.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }

        stream.WriteByte((byte)v);
    }

    public static int ReadVarInt(ReadOnlySpan<byte> bytes, ref int position)
    {
        var result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }
}
