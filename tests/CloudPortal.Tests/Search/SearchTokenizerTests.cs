using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CloudPortal.Search;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Search;

public sealed class SearchTokenizerTests
{
    private static readonly string[] ChineseQueries = ["云计算", "可用区", "华为云", "马来西亚"];

    /// <summary>The folder the JS tests read an index (and the C# reader's answers) from; under bin/, so git ignores it.</summary>
    private static readonly string JsFixture = Path.Combine(Repository.Root, "tests", "CloudPortal.Tests", "bin", "search-fixture");

    private static readonly Lazy<JsonElement[]> VectorCases = new(() =>
    {
        var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "tests", "search-vectors.json")));
        return json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
    });

    public static IEnumerable<object[]> Vectors() =>
        VectorCases.Value.Select((c, i) => new object[] { i, c.GetProperty("name").GetString()! });

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Given_a_shared_vector_When_tokenized_Then_the_tokens_are_exactly_the_listed_ones(int index, string name)
    {
        var vector = VectorCases.Value[index];
        var text = vector.GetProperty("text").GetString()!;

        var tokens = SearchTokenizer.Tokenize(text);
        var query = SearchTokenizer.QueryTokens(text);

        Assert.True(Strings(vector.GetProperty("tokens")).SequenceEqual(tokens), $"{name}: tokens were [{string.Join(", ", tokens)}]");
        Assert.True(Strings(vector.GetProperty("query")).SequenceEqual(query), $"{name}: query tokens were [{string.Join(", ", query)}]");
    }

    [Fact]
    public void Given_the_shared_vectors_When_counted_Then_there_are_at_least_forty_covering_the_required_cases()
    {
        var texts = VectorCases.Value.Select(c => c.GetProperty("text").GetString()!).ToList();

        Assert.True(texts.Count >= 40);
        foreach (var required in ChineseQueries.Concat(["华为云 Huawei Cloud 2018", "Telefónica", "，", "。", "、", "Ａ", "２"]))
        {
            Assert.Contains(texts, t => t.Contains(required, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("regions", "region")]
    [InlineData("zones", "zon")]
    [InlineData("zone", "zon")]
    [InlineData("providers", "provider")]
    [InlineData("computing", "comput")]
    [InlineData("compute", "comput")]
    [InlineData("computed", "comput")]
    public void Given_an_english_word_When_stemmed_Then_its_forms_share_one_stem(string word, string stem) =>
        Assert.Equal(stem, SearchTokenizer.Stem(word));

    [Fact]
    public void Given_documents_added_in_two_orders_When_built_Then_the_files_are_byte_identical()
    {
        var documents = Corpus(120);
        var forward = new SearchIndexWriter(targetShardBytes: 1024);
        foreach (var document in documents)
        {
            forward.Add(document);
        }

        var shuffled = new SearchIndexWriter(targetShardBytes: 1024);
        Parallel.ForEach(documents.AsEnumerable().Reverse().OrderBy(d => d.Title.GetHashCode(StringComparison.Ordinal)), shuffled.Add);

        var a = forward.Build();
        var b = shuffled.Build();

        Assert.Equal(a.Select(f => f.OutputPath), b.Select(f => f.OutputPath));
        Assert.All(a.Zip(b), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
        Assert.Contains(a, f => f.OutputPath == "search/zh/index.json");
        Assert.Contains(a, f => f.OutputPath == "search/en/index.json");
        Assert.True(SearchIndexReader.Open(a, "zh").Shards > 1, "the corpus should need several shards");
    }

    [Fact]
    public void Given_chinese_queries_When_looked_up_in_the_shards_Then_every_document_containing_the_query_is_found()
    {
        var documents = Corpus(400);
        var files = Build(documents, targetShardBytes: 2048);
        var reader = SearchIndexReader.Open(files, "zh");
        var zh = documents.Where(d => d.Lang == "zh").OrderBy(d => d.Url, StringComparer.Ordinal).ToList();
        Assert.True(reader.Shards >= 16);

        foreach (var query in ChineseQueries.Concat(["华为云 Huawei Cloud", "云", "regions", "Huawei Cloud", "telefonica"]))
        {
            var found = reader.Urls(query).ToHashSet(StringComparer.Ordinal);
            var tokens = SearchTokenizer.QueryTokens(query);
            var expected = zh.Where(d => tokens.All(SearchTokenizer.Tokenize(d.Title + "\n" + d.Text).Contains)).Select(d => d.Url).ToHashSet(StringComparer.Ordinal);

            Assert.True(expected.Count > 0, $"no document of the corpus matches {query}");
            Assert.Equal(expected, found);
            if (ChineseQueries.Contains(query))
            {
                var containing = zh.Where(d => SearchTokenizer.Normalize(d.Title + "\n" + d.Text).Contains(query, StringComparison.Ordinal)).Select(d => d.Url);
                Assert.Subset(found, containing.ToHashSet(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void Given_a_query_When_looked_up_Then_only_the_manifest_its_tokens_shards_and_its_hits_chunks_are_read()
    {
        var files = Build(Corpus(400), targetShardBytes: 2048);
        var reader = SearchIndexReader.Open(files, "zh");

        var hits = reader.Search("云计算");
        reader.Documents(hits.Take(10));

        var shards = SearchTokenizer.QueryTokens("云计算").Select(t => SearchIndexFormat.ShardOf(t, reader.Shards)).Distinct().Count();
        var chunks = hits.Take(10).Select(h => h.Doc / reader.ChunkSize).Distinct().Count();
        Assert.Equal(1 + shards + chunks, reader.Fetched.Count);
        Assert.True(reader.Fetched.Sum(f => f.Bytes) < files.Where(f => f.OutputPath.StartsWith("search/zh/", StringComparison.Ordinal)).Sum(f => f.Content.Length) / 4);
    }

    [Fact]
    public void Given_a_title_match_and_body_matches_When_searched_Then_the_title_match_ranks_first_then_term_frequency()
    {
        var files = Build(
        [
            new("/a/", "zh", "article", "无关的标题", "华为云华为云华为云，再说一次华为云。"),
            new("/b/", "zh", "provider", "华为云", "一家云服务商。"),
            new("/c/", "zh", "article", "另一篇", "华为云在亚太。"),
            new("/d/", "zh", "article", "不相关", "阿里云在亚太。"),
        ]);
        var reader = SearchIndexReader.Open(files, "zh");

        var documents = reader.Documents(reader.Search("华为云"));

        Assert.Equal(["/b/", "/a/", "/c/"], documents.Select(d => d.Url));
        Assert.Equal("provider", documents[0].Kind);
        Assert.Equal("华为云", documents[0].Title);
    }

    [Fact]
    public void Given_the_exact_word_form_When_searched_Then_pages_using_it_rank_above_other_forms()
    {
        var files = Build(
        [
            new("/en/a/", "en", "article", "One", "Huawei opened a region in Malaysia."),
            new("/en/b/", "en", "article", "Two", "Huawei opened regions in Malaysia."),
        ]);
        var reader = SearchIndexReader.Open(files, "en");

        Assert.Equal(["/en/b/", "/en/a/"], reader.Urls("regions"));
        Assert.Equal(["/en/a/", "/en/b/"], reader.Urls("region"));
    }

    [Fact]
    public void Given_the_same_url_twice_or_an_unknown_kind_When_added_Then_it_is_refused()
    {
        var writer = new SearchIndexWriter();
        writer.Add(new SearchDocument("/x/", "zh", "article", "X", "x"));

        Assert.Throws<ArgumentException>(() => writer.Add(new SearchDocument("/x/", "zh", "page", "Y", "y")));
        Assert.Throws<ArgumentException>(() => writer.Add(new SearchDocument("/y/", "zh", "blog", "Y", "y")));
        Assert.Throws<ArgumentException>(() => writer.Add(new SearchDocument("/z/", "../zh", "page", "Z", "z")));
    }

    [Fact]
    public void Given_a_long_text_When_excerpted_Then_it_is_about_300_characters_with_white_space_collapsed()
    {
        var english = string.Join("   \n", Enumerable.Repeat("Huawei Cloud opened its Malaysia region", 20));
        var chinese = string.Concat(Enumerable.Repeat("华为云在马来西亚开设了新的可用区。", 30));

        var a = SearchIndexWriter.Excerpt(english);
        var b = SearchIndexWriter.Excerpt(chinese);

        var collapsed = string.Join(' ', english.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.InRange(a.Length, 250, 301);
        Assert.EndsWith("…", a);
        Assert.StartsWith(a[..^1], collapsed, StringComparison.Ordinal);
        Assert.Equal(' ', collapsed[a.Length - 1]);
        Assert.Equal(301, b.Length);
        Assert.Equal("短文本 short", SearchIndexWriter.Excerpt("  短文本\n short "));
    }

    [Fact]
    public void Given_a_corpus_When_its_index_is_written_for_the_js_tests_Then_the_files_on_disk_answer_like_the_built_ones()
    {
        var files = Build(Corpus(300), targetShardBytes: 2048);
        if (Directory.Exists(JsFixture))
        {
            Directory.Delete(JsFixture, recursive: true);
        }

        foreach (var (path, content) in files)
        {
            var full = Path.Combine(JsFixture, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }

        // What the C# reader answers, for tests/js/search-tokenizer.test.mjs to compare search-core.js with.
        var expectations = new List<object>();
        foreach (var lang in new[] { "zh", "en" })
        {
            var fromDisk = SearchIndexReader.Open(path => File.ReadAllBytes(Path.Combine(JsFixture, path)), lang);
            var inMemory = SearchIndexReader.Open(files, lang);
            foreach (var query in ChineseQueries.Concat(["华为云 Huawei Cloud 2018", "regions", "Huawei's regions", "Telefónica", "云", "不存在的词"]))
            {
                var urls = fromDisk.Urls(query);
                Assert.Equal(inMemory.Urls(query), urls);
                expectations.Add(new { lang, query, urls });
            }
        }

        File.WriteAllText(Path.Combine(JsFixture, "expected.json"), JsonSerializer.Serialize(expectations, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true }));
    }

    internal static IReadOnlyList<(string OutputPath, byte[] Content)> Build(IEnumerable<SearchDocument> documents, int targetShardBytes = SearchIndexFormat.DefaultTargetShardBytes)
    {
        var writer = new SearchIndexWriter(targetShardBytes);
        foreach (var document in documents)
        {
            writer.Add(document);
        }

        return writer.Build();
    }

    /// <summary>
    /// A deterministic mixed corpus: Chinese pages made of phrases that sometimes run together and sometimes
    /// are split by punctuation or spaces (so "云 计算" has 云 and 计算 but not 云计算), and English pages.
    /// </summary>
    internal static List<SearchDocument> Corpus(int count)
    {
        string[] zh = ["云计算", "可用区", "华为云", "马来西亚", "阿里云", "腾讯云", "数据中心", "出海", "合规", "新加坡", "雅加达",
            "地域", "服务器", "云", "计算", "可用", "华为", "马来", "西亚", "区域", "Huawei Cloud", "2018", "Telefónica", "regions"];
        string[] en = ["cloud", "computing", "regions", "region", "zones", "availability", "Huawei", "Huawei's", "Alibaba Cloud",
            "Malaysia", "providers", "launched", "data centres", "Telefónica", "compliance", "云计算", "2018", "the", "in"];
        string[] zhSeparators = ["", "", "，", "。", "、", " ", "\n"];
        var random = new Random(20180101);
        var kinds = SearchIndexWriter.Kinds;
        var documents = new List<SearchDocument>();
        for (var i = 0; i < count; i++)
        {
            var chinese = i % 3 != 2;
            var words = chinese ? zh : en;
            string Phrase(int length) => string.Concat(Enumerable.Range(0, length).Select(_ =>
                words[random.Next(words.Length)] + (chinese ? zhSeparators[random.Next(zhSeparators.Length)] : " ")));
            var lang = chinese ? "zh" : "en";
            documents.Add(new SearchDocument(
                $"/{(chinese ? "" : "en/")}articles/{i:D4}/",
                lang,
                kinds[i % kinds.Count],
                Phrase(2).Trim(),
                Phrase(random.Next(10, 80))));
        }

        return documents;
    }
}
