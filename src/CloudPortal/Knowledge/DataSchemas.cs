using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

/// <summary>
/// JSON Schemas for front matter and every data kind, recorded from the typed readers (the single
/// definition of each kind), for editors such as VS Code's YAML extension to autocomplete and check.
/// </summary>
public static class DataSchemas
{
    public const string Folder = "schemas";

    /// <summary>File name → schema text, for the site's languages, in a fixed order.</summary>
    public static IReadOnlyList<(string FileName, string Json)> Generate(IReadOnlyList<string> languages)
    {
        var result = new List<(string, string)>
        {
            ("front-matter.schema.json", Write("front matter of an article or page", YamlFields.RecordSchema(languages, f => PageFrontMatter.Read(f, dateRequired: false)))),
        };
        foreach (var kind in EntityKind.DataKinds)
        {
            var schema = YamlFields.RecordSchema(languages, f => Read(kind, f));
            result.Add(($"{kind.Name}.schema.json", Write($"{kind.Name} record (content/data/{kind.Folder}/<id>.yaml)", schema)));
        }

        return result;
    }

    private static object? Read(EntityKind kind, YamlFields f) => kind.Name switch
    {
        "provider" => Provider.Read("", "", f),
        "case" => CaseStudy.Read("", "", f),
        "person" => Person.Read("", "", f),
        "source" => Source.Read("", "", f),
        "organisation" => Organisation.Read("", "", f),
        "industry" => Industry.Read("", "", f),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind.Name, "no reader for this kind"),
    };

    private static string Write(string title, JsonObject schema)
    {
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "CloudPortal " + title,
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            document[key] = value;
        }

        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
