using System.Text;

namespace CloudPortal.Pictures;

/// <summary>
/// One event: the date as the page writes it ("2018-08", "2018年8月"), the key that orders it (e.g.
/// yyyymmdd), what happened, and the page about it, if any.
/// </summary>
public sealed record TimelineEvent(string DateText, int SortKey, string Label, string? Url);

/// <summary>
/// A vertical timeline as inline SVG: dates on the left of an axis, a dot per event, and the event on the
/// right, wrapped to the width and linked to its page when it has one. Vertical, because a narrow screen
/// has room for a long list but not for a long line of dates.
/// </summary>
public static class Timeline
{
    private const double Width = 640;
    private const double FontSize = 14;
    private const double LineHeight = 18;
    private const double RowGap = 12;
    private const double DotRadius = 5;
    private const double MaxDateWidth = 180;

    /// <summary>Events are drawn by <see cref="TimelineEvent.SortKey"/>, earliest first; equal keys keep their input order.</summary>
    public static string Render(string title, IReadOnlyList<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);

        var ordered = events.OrderBy(e => e.SortKey).ToList(); // OrderBy is stable
        var dateWidth = ordered.Count == 0 ? 0 : Math.Min(MaxDateWidth, ordered.Max(e => TextMetrics.Width(e.DateText, FontSize)));
        var axisX = Math.Ceiling(dateWidth) + 2 + DotRadius * 2;
        var labelX = axisX + DotRadius * 2 + 4;
        var labelWidth = Width - labelX - 2;

        var body = new StringBuilder();
        var rows = new StringBuilder();
        var y = 0.0;
        double? firstDot = null, lastDot = null;
        var hasLinks = false;
        foreach (var item in ordered)
        {
            var dates = TextMetrics.Wrap(item.DateText, MaxDateWidth, FontSize);
            var labels = TextMetrics.Wrap(item.Label, labelWidth, FontSize);
            var dotY = y + FontSize * 0.65;
            firstDot ??= dotY;
            lastDot = dotY;

            rows.Append("<g class=\"timeline-event\">\n")
                .Append($"<circle class=\"timeline-dot\" cx=\"{Svg.Number(axisX)}\" cy=\"{Svg.Number(dotY)}\" r=\"{Svg.Number(DotRadius)}\" fill=\"#3182bd\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>\n")
                .Append($"<text class=\"timeline-date\" text-anchor=\"end\">{Lines(dates, axisX - DotRadius * 2, y)}</text>\n");
            var label = $"<text class=\"timeline-label\">{Lines(labels, labelX, y)}</text>";
            if (item.Url is { Length: > 0 } url)
            {
                hasLinks = true;
                rows.Append($"<a class=\"timeline-link\" href=\"{Svg.Escape(url)}\" text-decoration=\"underline\">{label}</a>\n");
            }
            else
            {
                rows.Append(label).Append('\n');
            }

            rows.Append("</g>\n");
            y += Math.Max(dates.Count, labels.Count) * LineHeight + RowGap;
        }

        if (firstDot is { } top && lastDot is { } bottom && bottom > top)
        {
            body.Append($"<line class=\"timeline-axis\" x1=\"{Svg.Number(axisX)}\" y1=\"{Svg.Number(top)}\" x2=\"{Svg.Number(axisX)}\" y2=\"{Svg.Number(bottom)}\" stroke=\"currentColor\" stroke-width=\"2\"/>\n");
        }

        body.Append($"<g font-size=\"{Svg.Number(FontSize)}\" fill=\"currentColor\">\n").Append(rows).Append("</g>\n");
        var height = Math.Max(1, Math.Ceiling(y - RowGap + 4));
        var description = string.Join("; ", ordered.Select(e => $"{e.DateText}: {e.Label}"));
        return Svg.Document("timeline", $"0 0 {Svg.Number(Width)} {Svg.Number(height)}", title, description, hasLinks, body.ToString());
    }

    private static string Lines(IReadOnlyList<string> lines, double x, double top)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            builder.Append($"<tspan x=\"{Svg.Number(x)}\" y=\"{Svg.Number(top + FontSize + i * LineHeight)}\">{Svg.Escape(lines[i])}</tspan>");
        }

        return builder.ToString();
    }
}
