using System.Text.Json.Nodes;

namespace CloudPortal.Loading;

/// <summary>The JSON Schema of each kind of value the typed readers accept, matching what they check.</summary>
internal static class JsonSchemas
{
    public static JsonObject Of(string type) => new() { ["type"] = type };

    public static JsonObject String() => Of("string");

    public static JsonObject Date() => new()
    {
        ["type"] = "string",
        ["pattern"] = @"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$",
        ["description"] = "a date like 2018-06-01",
    };

    public static JsonObject PartialDate() => new()
    {
        ["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "string", ["pattern"] = @"^\d{4}(-\d{2}(-\d{2})?)?$" },
            new JsonObject { ["type"] = "integer", ["minimum"] = 1000, ["maximum"] = 9999 }),
        ["description"] = "a year, year-month or date: 2018, \"2017-10\", \"2017-10-05\"",
    };

    public static JsonObject Url() => new() { ["type"] = "string", ["pattern"] = "^https?://", ["format"] = "uri" };

    public static JsonObject Enum(IEnumerable<string> values) => new() { ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) };

    public static JsonObject CountryCode() => new()
    {
        ["type"] = "string",
        ["pattern"] = "^[A-Za-z]{2}$",
        ["description"] = "an ISO 3166 alpha-2 country code, e.g. CN",
    };

    public static JsonObject Id(string kind) => new()
    {
        ["type"] = "string",
        ["pattern"] = "^[a-z0-9][a-z0-9_-]*$",
        ["description"] = $"the id of a {kind} (its file name without .yaml)",
    };

    public static JsonObject Array(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    public static JsonObject Localized(IReadOnlyList<string> languages)
    {
        var properties = new JsonObject();
        foreach (var lang in languages)
        {
            properties[lang] = String();
        }

        return new JsonObject
        {
            ["anyOf"] = new JsonArray(
                String(),
                new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false }),
            ["description"] = "one text, or a text per language: {" + string.Join(", ", languages.Select(l => l + ": …")) + "}",
        };
    }
}
