using CloudPortal.Text;

namespace CloudPortal.Tests.Text;

public sealed class SummarizerTests
{
    [Fact]
    public void Given_short_text_When_summarized_Then_it_is_returned_whole()
    {
        Assert.Equal("短文。", Summarizer.Summarize("短文。", 10));
    }

    [Fact]
    public void Given_chinese_text_When_summarized_Then_it_is_cut_after_the_last_full_sentence_that_fits()
    {
        var text = "中国云服务商加快出海。阿里云在全球有十九个地域。腾讯云有二十五个地域。";

        Assert.Equal("中国云服务商加快出海。阿里云在全球有十九个地域。", Summarizer.Summarize(text, 25));
    }

    [Fact]
    public void Given_english_text_When_summarized_Then_words_count_and_the_cut_is_at_a_sentence_end()
    {
        var text = "Chinese providers go global. Alibaba Cloud runs 19 regions. Tencent runs 25.";

        Assert.Equal("Chinese providers go global. Alibaba Cloud runs 19 regions.", Summarizer.Summarize(text, 10));
        Assert.Equal("Chinese providers go global.", Summarizer.Summarize(text, 6));
    }

    [Fact]
    public void Given_mixed_text_When_summarized_Then_a_dot_inside_a_number_is_not_a_sentence_end()
    {
        var text = "华为云 Huawei Cloud 2.0 发布。Then more text follows here.";

        Assert.Equal("华为云 Huawei Cloud 2.0 发布。", Summarizer.Summarize(text, 10));
    }

    [Fact]
    public void Given_one_long_sentence_When_summarized_Then_it_is_cut_between_whole_characters_with_an_ellipsis()
    {
        var text = "𠀀𠀁𠀂𠀃𠀄𠀅没有句号的很长的一句话";

        var summary = Summarizer.Summarize(text, 4);

        Assert.Equal("𠀀𠀁𠀂𠀃…", summary);
    }

    [Fact]
    public void Given_one_long_english_sentence_When_summarized_Then_no_word_is_split()
    {
        Assert.Equal("alpha beta gamma…", Summarizer.Summarize("alpha beta gamma delta epsilon", 3));
    }
}
