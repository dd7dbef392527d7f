using CloudPortal.Templating;
using Scriban;

namespace CloudPortal.Tests.Templating;

/// <summary>Which body fields a theme can read decides which body edits a quick edit may make: never fewer than a template reads.</summary>
public sealed class BodyFieldReadsTests
{
    [Theory]
    [InlineData("<h1>{{ page.title }}</h1>{{ page.content }}", 0)]
    [InlineData("{{ for e in page.toc }}<a href=\"#{{ e.id }}\">{{ e.text }}</a>{{ end }}", 1)]
    [InlineData("{{ tf 'reading_time' page.reading_minutes }}", 2)]
    [InlineData("{{ page[\"word_count\"] }}", 4)]
    [InlineData("{{ x = 'word_count' }}{{ page[x] }}", 7)]
    [InlineData("{{ for member in page }}{{ member }}{{ end }}", 7)]
    [InlineData("{{ page | object.keys }}", 7)]
    [InlineData("{{ with page }}{{ toc }}{{ end }}", 7)]
    [InlineData("{{ p = page }}{{ p.title }}", 7)]
    [InlineData("{{ for item in page.items }}{{ item.reading_minutes }}{{ end }}", 2)]
    public void Given_a_template_When_its_reads_are_worked_out_Then_every_body_field_it_can_reach_is_named(string text, int expected)
    {
        var template = Template.Parse(text);
        Assert.False(template.HasErrors);

        Assert.Equal((BodyFields)expected, BodyFieldReads.Of([template]));
    }

    [Fact]
    public void Given_a_layout_and_a_partial_When_worked_out_together_Then_the_reads_of_both_count()
    {
        var layout = Template.Parse("{{ include 'meta.html' }}{{ page.content }}");
        var partial = Template.Parse("{{ page.word_count }} · {{ page.toc.size }}");

        Assert.Equal(BodyFields.WordCount | BodyFields.Toc, BodyFieldReads.Of([layout, partial]));
    }
}
