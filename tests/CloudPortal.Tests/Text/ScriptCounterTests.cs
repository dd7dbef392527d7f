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
}
