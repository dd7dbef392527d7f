using System.Security.Cryptography;
using System.Text;
using CloudPortal.Diagnostics;
using NUglify;

namespace CloudPortal.Assets;

/// <summary>
/// Prepares the theme's static files once per build. A CSS or JS file is minified (NUglify) and
/// published twice: under a fingerprinted name (css/site.3f2a9c1e.css) for templates to reference with
/// SRI, and under its own name, for references written by hand. A script's relative imports of other
/// scripts point at their fingerprinted names (<see cref="ModuleImports"/>). Other files are copied as
/// they are.
/// </summary>
internal sealed class AssetPipeline
{
    private readonly Dictionary<string, Asset> _byLogicalPath = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Asset> Assets => _byLogicalPath.Values;

    public IEnumerable<(string OutputPath, byte[] Content)> Files =>
        _byLogicalPath.Values.OrderBy(a => a.LogicalPath, StringComparer.Ordinal).SelectMany(a =>
            a.OutputPath == a.LogicalPath
                ? new[] { (a.OutputPath, a.Content) }
                : [(a.LogicalPath, a.Content), (a.OutputPath, a.Content)]);

    public Asset? Find(string logicalPath) => _byLogicalPath.GetValueOrDefault(logicalPath.TrimStart('/'));

    public static AssetPipeline Load(string staticRoot, string themeRoot, IEnumerable<string> files, DiagnosticBag diagnostics)
    {
        var pipeline = new AssetPipeline();
        var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(staticRoot, file));
            var extension = Path.GetExtension(file);
            if (extension is ".js" or ".mjs")
            {
                scripts[file] = Encoding.UTF8.GetString(Minify(file, $"{themeRoot}/static/{file}", bytes, diagnostics));
            }
            else if (extension is ".css")
            {
                pipeline.Add(file, Minify(file, $"{themeRoot}/static/{file}", bytes, diagnostics));
            }
            else
            {
                pipeline._byLogicalPath[file] = new Asset(file, file, bytes, null);
            }
        }

        // A script imports the fingerprinted names of the scripts it imports, so its own name changes with
        // theirs: a browser never runs a cached copy of an imported module against a newer one (a search
        // script of one build reading the index format of the next). Imported scripts are named first.
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Name(string file)
        {
            if (pipeline._byLogicalPath.ContainsKey(file) || !visiting.Add(file))
            {
                return; // done, or in an import cycle, whose members keep importing the plain names
            }

            foreach (var imported in ModuleImports.Of(file, scripts[file]))
            {
                if (scripts.ContainsKey(imported))
                {
                    Name(imported);
                }
            }

            var code = ModuleImports.Rewrite(file, scripts[file], imported =>
                pipeline._byLogicalPath.TryGetValue(imported, out var asset) && asset.Integrity is not null ? Path.GetFileName(asset.OutputPath) : null);
            pipeline.Add(file, Encoding.UTF8.GetBytes(code));
        }

        foreach (var file in scripts.Keys.Order(StringComparer.Ordinal))
        {
            Name(file);
        }

        return pipeline;
    }

    /// <summary>A minified file under its content-hashed name, with its SRI hash.</summary>
    private void Add(string file, byte[] bytes)
    {
        var extension = Path.GetExtension(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
        var integrity = "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes));
        _byLogicalPath[file] = new Asset(file, file[..^extension.Length] + "." + hash + extension, bytes, integrity);
    }

    private static byte[] Minify(string file, string displayPath, byte[] bytes, DiagnosticBag diagnostics)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var result = file.EndsWith(".css", StringComparison.Ordinal) ? Uglify.Css(text) : Uglify.Js(text, new NUglify.JavaScript.CodeSettings { MinifyCode = true });
        var errors = result.Errors.Where(e => e.IsError).ToList();
        if (errors.Count > 0 || result.Code is null)
        {
            // A minifier that cannot parse a file must not break the site: publish it as written.
            var first = errors.FirstOrDefault();
            diagnostics.Warning(new SourceLocation(displayPath, first?.StartLine ?? 0, first?.StartColumn ?? 0),
                $"not minified: {first?.Message ?? "the minifier returned nothing"}; the file is published as written");
            return bytes;
        }

        return Encoding.UTF8.GetBytes(result.Code);
    }
}
