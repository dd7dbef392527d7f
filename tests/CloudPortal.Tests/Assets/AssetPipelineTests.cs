using System.Text;
using CloudPortal.Assets;
using CloudPortal.Diagnostics;

namespace CloudPortal.Tests.Assets;

public sealed class AssetPipelineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cloudportal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private AssetPipeline Load(params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(_root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        var diagnostics = new DiagnosticBag();
        var pipeline = AssetPipeline.Load(_root, "themes/test", files.Select(f => f.Path), diagnostics);
        Assert.False(diagnostics.HasErrors);
        return pipeline;
    }

    private static string Code(AssetPipeline pipeline, string file) => Encoding.UTF8.GetString(pipeline.Find(file)!.Content);

    private static string Name(AssetPipeline pipeline, string file) => Path.GetFileName(pipeline.Find(file)!.OutputPath);

    private static readonly (string, string)[] Chain =
    [
        ("js/app.js", "import { b } from './lib/b.js';\nimport('./lib/b.js');\nexport const a = b + 1;\n"),
        ("js/lib/b.js", "import { c } from \"../c.js\";\nexport const b = c * 2;\n"),
        ("js/c.js", "export const c = 1;\n"),
    ];

    [Fact]
    public void Given_scripts_that_import_each_other_When_published_Then_each_imports_the_fingerprinted_names_with_its_own_path()
    {
        var pipeline = Load(Chain);

        Assert.Matches(@"^c\.[0-9a-f]{10}\.js$", Name(pipeline, "js/c.js"));
        Assert.Contains($"from\"../{Name(pipeline, "js/c.js")}\"", Code(pipeline, "js/lib/b.js"));
        Assert.Contains($"from\"./lib/{Name(pipeline, "js/lib/b.js")}\"", Code(pipeline, "js/app.js"));
        Assert.Contains($"import(\"./lib/{Name(pipeline, "js/lib/b.js")}\")", Code(pipeline, "js/app.js"));
        Assert.DoesNotContain("b.js\"", Code(pipeline, "js/app.js").Replace(Name(pipeline, "js/lib/b.js"), "", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_change_to_a_script_imported_two_levels_down_When_published_Then_the_importing_scripts_get_new_names()
    {
        var before = Load(Chain);
        var names = Chain.Select(f => Name(before, f.Item1)).ToArray();

        var after = Load(("js/c.js", "export const c = 2;\n"), Chain[0], Chain[1]);

        Assert.All(Chain.Select((f, i) => (Now: Name(after, f.Item1), Before: names[i])), pair => Assert.NotEqual(pair.Before, pair.Now));
    }

    [Fact]
    public void Given_an_import_cycle_a_missing_file_and_a_bare_specifier_When_published_Then_those_imports_stay_as_written()
    {
        var pipeline = Load(
            ("js/x.js", "import { y } from './y.js';\nimport { m } from './missing.js';\nimport { k } from 'package';\nexport const x = () => y + m + k;\n"),
            ("js/y.js", "import { x } from './x.js';\nexport const y = () => x;\n"));

        var x = Code(pipeline, "js/x.js");
        var y = Code(pipeline, "js/y.js");
        Assert.Contains("\"./missing.js\"", x);
        Assert.Contains("\"package\"", x);
        // One of the two is named first; it imports the other by its plain name, which is published too.
        Assert.True(x.Contains("\"./y.js\"", StringComparison.Ordinal) ^ y.Contains("\"./x.js\"", StringComparison.Ordinal));
        Assert.Equal(pipeline.Find("js/x.js")!.Content, pipeline.Files.Single(f => f.OutputPath == "js/x.js").Content);
    }

    [Theory]
    [InlineData("js/a.js", "./b.js", "js/b.js")]
    [InlineData("js/a.js", "../b.js", "b.js")]
    [InlineData("js/lib/a.js", "./../c/./d.js", "js/c/d.js")]
    [InlineData("a.js", "../b.js", null)]
    public void Given_a_relative_specifier_When_resolved_Then_it_names_the_file_from_the_static_folder(string file, string spec, string? expected) =>
        Assert.Equal(expected, ModuleImports.Resolve(file, spec));
}
