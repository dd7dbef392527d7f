using System.Text.Json;
using CloudPortal.Knowledge;
using CloudPortal.Tests.Support;
using Json.Schema;
using YamlDotNet.Serialization;

namespace CloudPortal.Tests.Knowledge;

public sealed class DataSchemaTests
{
    private static readonly string[] Languages = ["zh", "en"];

    [Fact]
    public void The_committed_schemas_are_exactly_what_the_typed_definitions_generate()
    {
        foreach (var (name, json) in DataSchemas.Generate(Languages))
        {
            var committed = File.ReadAllText(Path.Combine(Repository.Root, "schemas", name));
            Assert.True(json == committed, $"schemas/{name} is stale; run: dotnet run --project src/CloudPortal.Cli -- schemas");
        }
    }

    [Fact]
    public void Every_data_file_of_the_portal_is_valid_against_its_schema_and_names_it()
    {
        var schemas = DataSchemas.Generate(Languages).ToDictionary(s => s.FileName, s => JsonSchema.FromText(s.Json));
        var checkedFiles = 0;
        foreach (var kind in EntityKind.DataKinds)
        {
            var folder = Path.Combine(Repository.Root, "content", "data", kind.Folder);
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml"))
            {
                var text = File.ReadAllText(file);
                Assert.StartsWith($"# yaml-language-server: $schema=../../../schemas/{kind.Name}.schema.json", text);
                var result = schemas[$"{kind.Name}.schema.json"].Evaluate(ToJson(text), new EvaluationOptions { OutputFormat = OutputFormat.List });
                Assert.True(result.IsValid, $"{file}: {string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}");
                checkedFiles++;
            }
        }

        Assert.True(checkedFiles >= 30, $"only {checkedFiles} data files checked");
    }

    [Fact]
    public void Every_front_matter_of_the_portal_is_valid_against_the_front_matter_schema()
    {
        var schema = JsonSchema.FromText(DataSchemas.Generate(Languages).Single(s => s.FileName == "front-matter.schema.json").Json);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "content"), "*.md", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var yaml = text.Split("\n---", 2)[0].TrimStart('-', '\n');
            Assert.True(schema.Evaluate(ToJson(yaml)).IsValid, file);
        }
    }

    [Fact]
    public void The_schema_rejects_what_the_reader_rejects_an_unknown_field_and_a_figure_without_a_source()
    {
        var schema = JsonSchema.FromText(DataSchemas.Generate(Languages).Single(s => s.FileName == "provider.schema.json").Json);

        Assert.False(schema.Evaluate(ToJson("name: X\nsummary: Y\nregion: {value: 1, as_of: 2018, source: s}\n")).IsValid);
        Assert.False(schema.Evaluate(ToJson("name: X\nsummary: Y\nregions: {value: 1, as_of: 2018}\n")).IsValid);
        Assert.True(schema.Evaluate(ToJson("name: {zh: 甲, en: A}\nsummary: Y\nregions: {value: 1, as_of: 2018, source: s}\n")).IsValid);
    }

    /// <summary>YAML as an editor's YAML extension sees it: plain scalars that look like numbers are numbers.</summary>
    private static JsonElement ToJson(string yaml)
    {
        var value = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return JsonDocument.Parse(JsonSerializer.Serialize(value)).RootElement;
    }
}
