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

        Assert.Equal(Encoding.UTF8.GetBytes(text), output.ToArray());
    }

    [Fact]
    public void Clear_starts_a_new_page_and_the_buffer_grows_past_its_first_size()
    {
        var output = new Utf8PageOutput();
        output.Write("old page", 0, 8);
        output.Clear();
        var large = new string('x', 100_000) + "可用区";

        output.Write(large, 0, large.Length);

        Assert.Equal(Encoding.UTF8.GetBytes(large), output.ToArray());
        Assert.Equal("", output.ToString());
    }
}
