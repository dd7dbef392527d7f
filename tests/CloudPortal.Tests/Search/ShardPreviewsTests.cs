using System.Text.Json;
using CloudPortal.Search;

namespace CloudPortal.Tests.Search;

public sealed class ShardPreviewsTests
{
    private static readonly (string Url, string Title, string Kind, string Excerpt)[] Documents =
        Enumerable.Range(0, 6).Select(i => ($"/d{i}/", $"Title {i}", "article", new string('x', 100))).ToArray();

    private static List<(int Doc, int Frequency, bool InTitle)> Postings(params (int Doc, int Frequency, bool InTitle)[] postings) => [.. postings];

    private static byte[] Write((string Token, List<(int Doc, int Frequency, bool InTitle)> Postings)[] tokens, int budget) =>
        ShardPreviews.Write(tokens.Select(t => t.Token).ToArray(), tokens.Select(t => t.Postings).ToArray(), Documents, budget);

    private static int[] Docs(byte[] previews) =>
        previews.Length == 0 ? [] : JsonDocument.Parse(previews).RootElement.EnumerateArray().Select(e => e[0].GetInt32()).ToArray();

    [Fact]
    public void Given_postings_When_the_best_documents_are_picked_Then_a_title_match_beats_frequency_and_ties_go_to_the_lower_id()
    {
        Assert.Equal([3, 4, 1], ShardPreviews.Best(Postings((1, 9, false), (3, 1, true), (4, 1, true)), 3));
        Assert.Equal([4, 3], ShardPreviews.Best(Postings((1, 9, false), (3, 1, true), (4, 2, true)), 2));
        Assert.Equal([1, 2], ShardPreviews.Best(Postings((1, 5, false), (2, 5, false)), 3));
        // Frequencies are compared as the shard stores them, capped at 255.
        Assert.Equal([1], ShardPreviews.Best(Postings((1, 300, false), (2, 256, false)), 1));
    }

    [Fact]
    public void Given_a_word_form_When_its_best_documents_are_picked_Then_the_stems_postings_are_scored_with_the_forms_as_a_query_ranks_them()
    {
        var stem = Postings((1, 5, false), (2, 3, false), (3, 3, true), (4, 1, false));
        var form = Postings((2, 3, false), (4, 1, false));

        Assert.Equal([3, 1, 2], ShardPreviews.Best(stem, 3));
        Assert.Equal([3, 2, 1], ShardPreviews.Best(stem, 3, form));
    }

    [Fact]
    public void Given_room_for_all_When_written_Then_each_tokens_best_documents_are_there_once_in_document_order_as_their_chunk_entries()
    {
        var tokens = new[]
        {
            ("a", Postings((0, 1, false), (5, 3, false))),
            ("b", Postings((2, 1, true), (5, 9, false))),
            ("c", Postings((5, 4, false))),
        };

        var previews = Write(tokens, budget: 10_000);

        Assert.Equal([0, 2, 5], Docs(previews));
        var entry = JsonDocument.Parse(previews).RootElement[2];
        Assert.Equal(["/d5/", "Title 5", "article", new string('x', 100)], entry.EnumerateArray().Skip(1).Select(e => e.GetString()));
    }

    [Fact]
    public void Given_a_small_budget_When_written_Then_every_tokens_first_document_comes_before_any_second_most_postings_first()
    {
        var tokens = new[]
        {
            ("rare", Postings((1, 9, true))),
            ("common", Postings((0, 1, false), (2, 1, false), (3, 2, false), (4, 1, false))),
            ("middle", Postings((4, 1, false), (5, 2, false))),
        };
        var all = Write(tokens, budget: 10_000);
        Assert.Equal([0, 1, 2, 3, 4, 5], Docs(all));

        var entryBytes = (all.Length - 2 - 5) / 6;
        var two = Write(tokens, budget: 2 * entryBytes + 4);
        Assert.Equal([3, 5], Docs(two));
        Assert.True(two.Length <= 2 * entryBytes + 4);
        Assert.Equal([1, 3, 5], Docs(Write(tokens, budget: 3 * entryBytes + 4)));
        Assert.Empty(Write(tokens, budget: 10));
    }

    [Fact]
    public void Given_a_corpus_When_indexed_Then_every_preview_is_its_chunk_entry_and_within_the_shards_budget()
    {
        var files = SearchTokenizerTests.Build(SearchTokenizerTests.Corpus(400), targetShardBytes: 2048);
        var reader = SearchIndexReader.Open(files, "zh");
        var previewed = 0;
        for (var shard = 0; shard < reader.Shards; shard++)
        {
            var bytes = files.Single(f => f.OutputPath == $"search/zh/shards/{shard}.bin").Content;
            var at = 4;
            var length = SearchIndexFormat.ReadVarInt(bytes, ref at);
            var postingsBytes = bytes.Length - at - length;
            Assert.True(length <= ShardPreviews.BudgetFor(postingsBytes), $"shard {shard}: {length} bytes of previews");
            if (length == 0)
            {
                continue;
            }

            foreach (var entry in JsonDocument.Parse(bytes.AsMemory(at, length)).RootElement.EnumerateArray())
            {
                var doc = entry[0].GetInt32();
                var fromChunk = reader.Documents([new SearchIndexReader.Hit(doc, 0, 0)]).Single();
                Assert.Equal(fromChunk, new SearchIndexReader.Document(doc, entry[1].GetString()!, entry[2].GetString()!, entry[3].GetString()!, entry[4].GetString()!));
                previewed++;
            }
        }

        Assert.True(previewed > 0);
    }

    [Fact]
    public void Given_the_token_with_most_postings_in_each_shard_When_queried_alone_Then_its_first_result_comes_with_the_shard_and_needs_no_chunk()
    {
        var files = SearchTokenizerTests.Build(SearchTokenizerTests.Corpus(400), targetShardBytes: 2048);
        var checkedShards = 0;
        foreach (var lang in new[] { "zh", "en" })
        {
            var shards = SearchIndexReader.Open(files, lang).Shards;
            for (var shard = 0; shard < shards; shard++)
            {
                // The shard's tokens that a query of their own text looks up as they are, most postings first.
                var reader = SearchIndexReader.Open(files, lang);
                var token = reader.Tokens(shard)
                    .Where(t => SearchTokenizer.QueryTerms(t.Token) is [(var only, null)] && only == t.Token)
                    .OrderByDescending(t => t.Count).ThenBy(t => t.Token, StringComparer.Ordinal)
                    .Select(t => t.Token).FirstOrDefault();
                if (token is null || reader.Tokens(shard).Max(t => t.Count) > reader.Tokens(shard).Single(t => t.Token == token).Count)
                {
                    continue; // its first document is not the first one previewed
                }

                var first = reader.Search(token)[0];
                var fetched = reader.Fetched.Count;

                var preview = reader.Preview(first.Doc);

                Assert.True(preview is not null, $"{lang} {token}: document {first.Doc} is not among the previews of shard {shard}");
                Assert.Equal(fetched, reader.Fetched.Count);
                Assert.Equal(reader.Documents([first]).Single(), preview);
                checkedShards++;
            }
        }

        Assert.True(checkedShards >= 10, $"only {checkedShards} shards checked");
    }
}
