using System.Text;
using CloudPortal.Templating;

namespace CloudPortal.Tests.Templating;

public sealed class Utf8PageOutputTests
{
    [Fact]
    public void A_character_split_between_two_writes_is_encoded_whole()
    {
        var output = new Utf8PageOutput();
        var text = "云 😀 b";
        var split = text.IndexOf("😀", StringComparison.Ordinal) + 1; // between the two halves of the surrogate pair

        output.Write(text, 0, split);
        output.Write(text, split, text.Length - split);

        Assert.Equal(Encoding.UTF8.GetBytes(text), output.Written.ToArray());
    }

    [Fact]
    public void Clear_starts_a_new_page_and_the_buffer_grows_past_its_first_size()
    {
        var output = new Utf8PageOutput();
        output.Write("old page", 0, 8);
        output.Clear();
        var large = new string('x', 100_000) + "可用区";

        output.Write(large, 0, large.Length);

        Assert.Equal(Encoding.UTF8.GetBytes(large), output.Written.ToArray());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void UTF_8_written_after_text_follows_it_and_a_pending_half_character_is_not_lost()
    {
        var output = new Utf8PageOutput();
        var text = "<p>云 😀";
        // The high surrogate alone: the encoder holds it until it knows what follows.
        output.Write(text, 0, text.Length - 1);

        output.WriteUtf8("<b>可用区</b>"u8);

        Assert.Equal(Encoding.UTF8.GetBytes("<p>云 \uFFFD<b>可用区</b>"), output.Written.ToArray());
    }
}
