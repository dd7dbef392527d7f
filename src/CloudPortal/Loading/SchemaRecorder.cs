using System.Text.Json.Nodes;

namespace CloudPortal.Loading;

/// <summary>
/// Collects the fields a typed reader asks for, with their JSON Schema, when the reader runs over an
/// empty mapping. The readers are the one definition of each kind; the JSON Schemas editors use are
/// recorded from them, never written a second time by hand.
/// </summary>
internal sealed class SchemaRecorder
{
    private readonly List<(string Key, JsonObject Schema)> _properties = [];
    private readonly SortedSet<string> _required = new(StringComparer.Ordinal);

    public void Add(string key, JsonObject schema, bool required)
    {
        if (_properties.Any(p => p.Key == key))
        {
            return;
        }

        _properties.Add((key, schema));
        if (required)
        {
            _required.Add(key);
        }
    }

    public JsonObject ToSchema()
    {
        var properties = new JsonObject();
        foreach (var (key, schema) in _properties)
        {
            properties[key] = schema;
        }

        var result = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        if (_required.Count > 0)
        {
            result["required"] = new JsonArray(_required.Select(r => (JsonNode)r).ToArray());
        }

        return result;
    }
}
