using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace CloudPortal.Pictures;

/// <summary>One country's outline, already projected into the map's viewBox.</summary>
/// <param name="Code">ISO 3166-1 alpha-2 ("CH"); XK for Kosovo; empty for a shape without a code.</param>
/// <param name="Name">The English Natural Earth name; pages show the caller's localized name instead.</param>
/// <param name="Path">An SVG path "d" string.</param>
/// <param name="IsSmall">Taken from the 1:50m data because the country is too small for 1:110m.</param>
public sealed record MapShape(string Code, string Name, string Path, double LabelX, double LabelY, bool IsSmall);

/// <summary>
/// The world map's outlines, read from the JSON that tools/convert-world-atlas.mjs writes
/// (themes/default/data/world-110m.json; docs/PICTURES.md). Read it once per build and share it: it is
/// immutable, so any number of threads may render maps from one instance.
/// </summary>
public sealed class WorldMapData
{
    /// <summary>Where the default theme keeps the file, relative to the site root.</summary>
    public const string DefaultPath = "themes/default/data/world-110m.json";

    private WorldMapData(double width, double height, FrozenDictionary<string, MapShape> countries, IReadOnlyList<MapShape> unassigned)
    {
        Width = width;
        Height = height;
        Countries = countries;
        Unassigned = unassigned;
    }

    public double Width { get; }

    public double Height { get; }

    public string ViewBox => $"0 0 {Svg.Number(Width)} {Svg.Number(Height)}";

    /// <summary>By ISO alpha-2 code, ordinal.</summary>
    public FrozenDictionary<string, MapShape> Countries { get; }

    /// <summary>Shapes with no ISO code (N. Cyprus, Somaliland): drawn so the map has no holes, never shaded.</summary>
    public IReadOnlyList<MapShape> Unassigned { get; }

    /// <summary>Reads the file; an <see cref="InvalidDataException"/> names the file and what is wrong with it.</summary>
    public static WorldMapData Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a world map data file: {e.Message}", e);
        }
    }

    public static WorldMapData Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var width = Required(root, "width").GetDouble();
        var height = Required(root, "height").GetDouble();
        if (width <= 0 || height <= 0)
        {
            throw new InvalidDataException("width and height must be positive");
        }

        var countries = new Dictionary<string, MapShape>(StringComparer.Ordinal);
        foreach (var property in Required(root, "countries").EnumerateObject())
        {
            if (property.Name.Length != 2 || !property.Name.All(char.IsAsciiLetterUpper))
            {
                throw new InvalidDataException($"country key \"{property.Name}\" is not an alpha-2 code");
            }

            countries.Add(property.Name, Shape(property.Name, property.Value, requireLabel: true));
        }

        var unassigned = root.TryGetProperty("unassigned", out var list)
            ? list.EnumerateArray().Select(e => Shape("", e, requireLabel: false)).ToArray()
            : [];
        return new WorldMapData(width, height, countries.ToFrozenDictionary(StringComparer.Ordinal), unassigned);
    }

    private static MapShape Shape(string code, JsonElement element, bool requireLabel)
    {
        var name = Required(element, "name").GetString() ?? "";
        var path = Required(element, "d").GetString() ?? "";
        if (path.Length == 0 || path[0] != 'M')
        {
            throw new InvalidDataException($"{(code.Length > 0 ? code : name)}: the path must start with M");
        }

        double x = 0, y = 0;
        if (requireLabel)
        {
            var label = Required(element, "label");
            if (label.GetArrayLength() != 2)
            {
                throw new InvalidDataException($"{code}: label must be [x, y]");
            }

            x = label[0].GetDouble();
            y = label[1].GetDouble();
        }

        var small = element.TryGetProperty("scale", out var scale) && scale.GetString() == "50m";
        return new MapShape(code, name, path, x, y, small);
    }

    private static JsonElement Required(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"missing \"{name}\""));
}
