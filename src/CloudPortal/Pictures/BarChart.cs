using System.Text;

namespace CloudPortal.Pictures;

/// <summary>
/// One bar: its name, the value it is drawn to, the value as the page writes it ("1.2 bn USD"), and a note
/// on the figure ("as of 2018") that links to its source when <paramref name="NoteUrl"/> is given.
/// </summary>
public sealed record Bar(string Label, decimal Value, string ValueText, string Note, string? NoteUrl);

/// <summary>
/// A horizontal bar chart as inline SVG. Each bar has its name on a line above it, so long names (and
/// Chinese ones) never squeeze the bars; the value and note follow the bar's end. The page shows the same
/// figures in a table, so the chart stays plain: no axis, no grid.
/// </summary>
public static class BarChart
{
    private const double MinWidth = 640;
    private const double MinBarSpace = 320;
    private const double LabelSize = 14;
    private const double ValueSize = 12;
    private const double LineHeight = 18;
    private const double BarHeight = 16;
    private const double RowGap = 12;
    private const double ValueGap = 6;

    /// <summary>
    /// Bars are drawn in the order given, their lengths proportional to <see cref="Bar.Value"/> with the
    /// largest value filling the bar space; a negative value is drawn as zero length.
    /// </summary>
    public static string Render(string title, IReadOnlyList<Bar> bars, string valueLabel)
    {
        ArgumentNullException.ThrowIfNull(bars);

        // Room after the longest bar for the value and note that follow it.
        var reserve = bars.Count == 0 ? 0 : bars.Max(b => TextMetrics.Width(Tail(b), ValueSize)) + ValueGap;
        var width = Math.Max(MinWidth, Math.Ceiling(reserve + MinBarSpace));
        var barSpace = width - reserve;
        var max = bars.Count == 0 ? 0 : bars.Max(b => Math.Max(b.Value, 0));

        var body = new StringBuilder();
        var y = 0.0;
        var hasLinks = false;
        foreach (var bar in bars)
        {
            var lines = TextMetrics.Wrap(bar.Label, width, LabelSize);
            body.Append("<g class=\"chart-row\">\n");
            body.Append($"<text class=\"chart-label\" font-size=\"{Svg.Number(LabelSize)}\" fill=\"currentColor\">");
            for (var i = 0; i < lines.Count; i++)
            {
                body.Append($"<tspan x=\"0\" y=\"{Svg.Number(y + LabelSize + i * LineHeight)}\">{Svg.Escape(lines[i])}</tspan>");
            }

            body.Append("</text>\n");
            y += lines.Count * LineHeight + 4;

            var length = max <= 0 ? 0 : (double)(Math.Max(bar.Value, 0) / max) * barSpace;
            body.Append($"<rect class=\"chart-bar\" x=\"0\" y=\"{Svg.Number(y)}\" width=\"{Svg.Number(length)}\" height=\"{Svg.Number(BarHeight)}\" fill=\"#3182bd\"/>\n");

            var baseline = y + BarHeight / 2 + ValueSize * 0.35;
            body.Append($"<text class=\"chart-value\" x=\"{Svg.Number(length + ValueGap)}\" y=\"{Svg.Number(baseline)}\" font-size=\"{Svg.Number(ValueSize)}\" fill=\"currentColor\">")
                .Append($"<tspan font-weight=\"bold\">{Svg.Escape(bar.ValueText)}</tspan>");
            if (bar.Note.Length > 0)
            {
                body.Append(' ');
                if (bar.NoteUrl is { Length: > 0 } url)
                {
                    hasLinks = true;
                    // The link holds the text itself: the W3C checker refuses a <tspan> inside an <a> inside <text>.
                    body.Append($"<a class=\"chart-link chart-note\" href=\"{Svg.Escape(url)}\" text-decoration=\"underline\">{Svg.Escape(bar.Note)}</a>");
                }
                else
                {
                    body.Append($"<tspan class=\"chart-note\">{Svg.Escape(bar.Note)}</tspan>");
                }
            }

            body.Append("</text>\n</g>\n");
            y += BarHeight + RowGap;
        }

        var height = Math.Max(1, Math.Ceiling(y - RowGap + 2));
        var description = bars.Count == 0
            ? valueLabel
            : $"{valueLabel}: {string.Join("; ", bars.Select(b => $"{b.Label} {Tail(b)}"))}";
        return Svg.Document("bars", $"0 0 {Svg.Number(width)} {Svg.Number(height)}", title, description, hasLinks, body.ToString());
    }

    private static string Tail(Bar bar) => bar.Note.Length > 0 ? $"{bar.ValueText} {bar.Note}" : bar.ValueText;
}
