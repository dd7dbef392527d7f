using System.Globalization;
using System.Text;

namespace CloudPortal.Pictures;

/// <summary>A country to highlight: its code, the name shown (in the page's language), a count and its page.</summary>
public sealed record MapCountry(string Code, string Name, int Count, string Url);

/// <summary>
/// A world map as inline SVG: every country in a base colour, the given ones shaded by count and linked to
/// their pages, each with a marker and a name label. Colours are CSS classes (with plain fallbacks as
/// presentation attributes, which any CSS rule overrides), so the theme decides light and dark mode.
/// </summary>
public static class WorldMap
{
    /// <summary>Shading steps, map-c1 (fewest) to map-c4 (most).</summary>
    public const int Levels = 4;

    private const double MarkerRadius = 3.5;
    private const double LabelSize = 11;

    // ColorBrewer "Blues", readable on light and dark backgrounds alike until the theme sets its own.
    private static readonly string[] FallbackFills = ["#9ecae1", "#6baed6", "#3182bd", "#08519c"];

    public static string Render(WorldMapData data, IReadOnlyList<MapCountry> countries, string title, string description) =>
        Render(data, countries, title, description, out _);

    /// <summary>
    /// <paramref name="unknownCodes"/> gets the codes the data has no outline for, in input order; those
    /// countries are left out of the map and the caller should warn. A duplicate code is a caller error.
    /// </summary>
    public static string Render(
        WorldMapData data, IReadOnlyList<MapCountry> countries, string title, string description, out IReadOnlyList<string> unknownCodes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(countries);

        var unknown = new List<string>();
        var known = new List<(MapCountry Country, MapShape Shape)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var country in countries)
        {
            var code = country.Code.ToUpperInvariant();
            if (!seen.Add(code))
            {
                throw new ArgumentException($"country {code} is listed twice", nameof(countries));
            }

            if (data.Countries.TryGetValue(code, out var shape))
            {
                known.Add((country, shape));
            }
            else
            {
                unknown.Add(country.Code);
            }
        }

        unknownCodes = unknown;
        var max = known.Count == 0 ? 0 : known.Max(k => k.Country.Count);
        var highlighted = known.Select(k => k.Shape.Code).ToHashSet(StringComparer.Ordinal);

        var body = new StringBuilder();
        body.Append("<g class=\"map-land\" fill=\"#d4d8dd\" stroke=\"#ffffff\" stroke-width=\"0.4\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n");
        foreach (var shape in data.Countries.Values.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            if (!highlighted.Contains(shape.Code))
            {
                body.Append($"<path d=\"{Svg.Escape(shape.Path)}\"/>\n");
            }
        }

        foreach (var shape in data.Unassigned)
        {
            body.Append($"<path class=\"map-unassigned\" d=\"{Svg.Escape(shape.Path)}\"/>\n");
        }

        body.Append("</g>\n");

        // Small countries last, so that San Marino is drawn over a shaded Italy and not hidden under it.
        var ordered = known
            .OrderBy(k => k.Shape.IsSmall)
            .ThenBy(k => k.Shape.Code, StringComparer.Ordinal)
            .ToList();
        if (ordered.Count > 0)
        {
            body.Append("<g class=\"map-shaded\" stroke=\"#ffffff\" stroke-width=\"0.4\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n");
        }

        foreach (var (country, shape) in ordered)
        {
            var level = LevelOf(country.Count, max);
            var tip = Svg.Escape(string.Create(CultureInfo.InvariantCulture, $"{country.Name}: {country.Count}"));
            body.Append($"<a class=\"map-link\" href=\"{Svg.Escape(country.Url)}\" aria-label=\"{tip}\"><title>{tip}</title>")
                .Append($"<path class=\"map-c{level}\" fill=\"{FallbackFills[level - 1]}\" d=\"{Svg.Escape(shape.Path)}\"/>")
                .Append($"<circle class=\"map-marker\" cx=\"{Svg.Number(shape.LabelX)}\" cy=\"{Svg.Number(shape.LabelY)}\" r=\"{Svg.Number(MarkerRadius)}\" fill=\"#e6550d\" stroke=\"#ffffff\" stroke-width=\"1\"/>")
                .Append("</a>\n");
        }

        if (ordered.Count > 0)
        {
            body.Append("</g>\n");
        }

        body.Append(Labels(data, ordered));

        return Svg.Document("map", data.ViewBox, title, description, hasLinks: ordered.Count > 0, body.ToString());
    }

    /// <summary>1..4 by the count's share of the largest count: the largest is always map-c4.</summary>
    public static int LevelOf(int count, int max) =>
        max <= 0 || count <= 0 ? 1 : Math.Clamp((int)Math.Ceiling((double)Levels * count / max), 1, Levels);

    /// <summary>
    /// The names, above everything else. They are not links themselves (the country's shape and marker are),
    /// so they are hidden from assistive technology, which reads each link's name instead, and let clicks
    /// through to the shape beneath. Placed greedily, largest count first, each at the first of right, left,
    /// above and below its marker that overlaps no marker and no label placed before it.
    /// </summary>
    private static string Labels(WorldMapData data, IReadOnlyList<(MapCountry Country, MapShape Shape)> items)
    {
        if (items.Count == 0)
        {
            return "";
        }

        var occupied = items
            .Select(i => new Box(i.Shape.LabelX - MarkerRadius, i.Shape.LabelY - MarkerRadius, MarkerRadius * 2, MarkerRadius * 2))
            .ToList();
        var builder = new StringBuilder();
        builder.Append("<g class=\"map-labels\" aria-hidden=\"true\" pointer-events=\"none\" font-size=\"")
            .Append(Svg.Number(LabelSize)).Append("\" fill=\"currentColor\" stroke=\"none\">\n");
        foreach (var (country, shape) in items.OrderByDescending(i => i.Country.Count).ThenBy(i => i.Shape.Code, StringComparer.Ordinal))
        {
            var width = TextMetrics.Width(country.Name, LabelSize);
            var candidates = Candidates(shape.LabelX, shape.LabelY, width);
            var best = candidates[0];
            var bestOverlap = double.MaxValue;
            foreach (var candidate in candidates)
            {
                var overlap = occupied.Sum(o => o.Overlap(candidate.Box)) + candidate.Box.Outside(data.Width, data.Height) * 1000;
                if (overlap < bestOverlap)
                {
                    (best, bestOverlap) = (candidate, overlap);
                }

                if (overlap == 0)
                {
                    break;
                }
            }

            occupied.Add(best.Box);
            builder.Append($"<text class=\"map-label\" x=\"{Svg.Number(best.X)}\" y=\"{Svg.Number(best.Y)}\" text-anchor=\"{best.Anchor}\">")
                .Append(Svg.Escape(country.Name)).Append("</text>\n");
        }

        return builder.Append("</g>\n").ToString();
    }

    private static Placement[] Candidates(double x, double y, double width)
    {
        const double gap = MarkerRadius + 2;
        var ascent = LabelSize * 0.8;
        var descent = LabelSize * 0.25;
        var middle = y + LabelSize * 0.35;
        return
        [
            new(x + gap, middle, "start", new Box(x + gap, middle - ascent, width, ascent + descent)),
            new(x - gap, middle, "end", new Box(x - gap - width, middle - ascent, width, ascent + descent)),
            new(x, y - gap - descent, "middle", new Box(x - width / 2, y - gap - descent - ascent, width, ascent + descent)),
            new(x, y + gap + ascent, "middle", new Box(x - width / 2, y + gap, width, ascent + descent)),
        ];
    }

    private sealed record Placement(double X, double Y, string Anchor, Box Box);

    private readonly record struct Box(double X, double Y, double Width, double Height)
    {
        public double Overlap(Box other)
        {
            var w = Math.Min(X + Width, other.X + other.Width) - Math.Max(X, other.X);
            var h = Math.Min(Y + Height, other.Y + other.Height) - Math.Max(Y, other.Y);
            return w > 0 && h > 0 ? w * h : 0;
        }

        /// <summary>How much of the box lies outside the viewBox, so labels at the edge turn inwards.</summary>
        public double Outside(double width, double height) =>
            Width * Height - new Box(0, 0, width, height).Overlap(this);
    }
}
