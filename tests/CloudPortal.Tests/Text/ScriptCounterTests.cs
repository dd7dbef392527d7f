using System.Globalization;
using System.Text;
using CloudPortal.Text;

namespace CloudPortal.Tests.Text;

public sealed class ScriptCounterTests
{
    [Theory]
    [InlineData("", 0, 0)]
    [InlineData("云计算", 3, 0)]
    [InlineData("Cloud computing goes global.", 0, 4)]
    [InlineData("华为云 Huawei Cloud 在 2018 年有 22 个地域。", 9, 4)]
    [InlineData("阿里云（Alibaba Cloud）覆盖美国、英国、德国、日本和中国。", 16, 2)]
    [InlineData("Telefónica's OpenCloud, state-of-the-art", 0, 3)]
    [InlineData("𠀀𠀁 two", 2, 1)]
    public void Given_mixed_text_When_counted_Then_cjk_characters_and_words_are_counted_separately(string text, int cjk, int words)
    {
        var counts = ScriptCounter.Count(text);

        Assert.Equal(cjk, counts.CjkCharacters);
        Assert.Equal(words, counts.Words);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(300, 0, 1)]
    [InlineData(301, 0, 2)]
    [InlineData(0, 400, 2)]
    [InlineData(150, 100, 1)]
    [InlineData(600, 200, 3)]
    public void Reading_time_adds_each_script_at_its_own_rate(int cjk, int words, int minutes)
    {
        Assert.Equal(minutes, new ScriptCounter.Counts(cjk, words).ReadingMinutes);
    }

    [Fact]
    public void Given_html_When_made_plain_Then_tags_separate_words_and_entities_are_decoded()
    {
        Assert.Equal("Title One &amp; two 云 计算", PlainText.FromHtml("<h2>Title</h2><p>One &amp;amp; two</p><p>云</p><p>计算</p>"));
    }

    [Theory]
    [InlineData("it's a state-of-the-art --- ' - word's-")]
    [InlineData("Telefónica’s ’ mix-’up café naïve e\u0301t\u0301e")]
    [InlineData("lone \uD800 high, lone \uDC00 low, pair \uD840\uDC00\uD840\uDC01 end\uD800")]
    [InlineData("全角ＡＢＣ１２３ ，。！？ 한국어 カタカナ ひらがな ١٢٣ русский текст")]
    [InlineData("<tabs>\t\nand\u00A0spaces\u3000here 3.14 1,000 a_b a/b")]
    public void Given_any_text_Then_counts_match_reading_it_one_Unicode_scalar_at_a_time(string text)
    {
        Assert.Equal(ByRunes(text), ScriptCounter.Count(text));
    }

    [Fact]
    public void Given_random_text_over_every_class_of_character_Then_counts_match_reading_it_one_Unicode_scalar_at_a_time()
    {
        var alphabet = "aZ09 '-’_.,\t\n云計한カé\u0301\u00A0\u3000\uD800\uDC00\uD840١ж";
        var random = new Random(20261129);
        for (var round = 0; round < 2000; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(ByRunes(text), ScriptCounter.Count(text));
        }
    }

    /// <summary>The definition: each scalar classified as CJK, word part, joiner or other.</summary>
    private static ScriptCounter.Counts ByRunes(string text)
    {
        int cjk = 0, words = 0;
        var inWord = false;
        var previousJoiner = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (ScriptCounter.IsCjk(rune))
            {
                cjk++;
                inWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else if (inWord && !previousJoiner && rune.Value is '\'' or '’' or '-')
            {
                previousJoiner = true;
                continue;
            }
            else
            {
                inWord = false;
            }

            previousJoiner = false;
        }

        return new ScriptCounter.Counts(cjk, words);
    }
}
