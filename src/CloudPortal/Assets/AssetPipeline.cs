using System.Security.Cryptography;
using System.Text;
using CloudPortal.Diagnostics;
using NUglify;

namespace CloudPortal.Assets;

/// <summary>
/// Prepares the theme's static files once per build. A CSS or JS file is minified (NUglify) and
/// published twice: under a fingerprinted name (css/site.3f2a9c1e.css) for templates to reference with
/// SRI, and under its own name, so that ES module imports between scripts keep resolving. Other files
/// are copied as they are.
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
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(staticRoot, file));
            var extension = Path.GetExtension(file);
            if (extension is ".css" or ".js" or ".mjs")
            {
                bytes = Minify(file, $"{themeRoot}/static/{file}", bytes, diagnostics);
                var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
                var output = file[..^extension.Length] + "." + hash + extension;
                var integrity = "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes));
                pipeline._byLogicalPath[file] = new Asset(file, output, bytes, integrity);
            }
            else
            {
                pipeline._byLogicalPath[file] = new Asset(file, file, bytes, null);
            }
        }

        return pipeline;
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
