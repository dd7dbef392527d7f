using System.Text.RegularExpressions;

namespace CloudPortal.Assets;

/// <summary>
/// The relative module specifiers of a script (<c>import … from "./x.js"</c>, <c>import "./x.js"</c>,
/// <c>import("./x.js")</c>), resolved against the script's own path and rewritten to other names.
/// </summary>
internal static partial class ModuleImports
{
    /// <summary>The static-folder paths (such as <c>js/search-core.js</c>) that <paramref name="code"/> of <paramref name="file"/> imports.</summary>
    public static IEnumerable<string> Of(string file, string code) =>
        Specifier().Matches(code).Select(m => Resolve(file, m.Groups["spec"].Value)).OfType<string>();

    /// <summary>
    /// <paramref name="code"/> with each relative specifier whose file <paramref name="rename"/> gives a new
    /// name for (a name in the same folder) pointing at that name instead; other specifiers stay as written.
    /// </summary>
    public static string Rewrite(string file, string code, Func<string, string?> rename) =>
        Specifier().Replace(code, match =>
        {
            var spec = match.Groups["spec"].Value;
            if (Resolve(file, spec) is not { } target || rename(target) is not { } renamed)
            {
                return match.Value;
            }

            var quote = match.Groups["quote"].Value;
            return quote + spec[..(spec.LastIndexOf('/') + 1)] + renamed + quote;
        });

    /// <summary>The path a specifier names, relative to the static folder, or null when it leaves that folder.</summary>
    internal static string? Resolve(string file, string spec)
    {
        var parts = new List<string>(file.Split('/')[..^1]);
        foreach (var part in spec.Split('/'))
        {
            switch (part)
            {
                case ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(part);
                    continue;
            }
        }

        return string.Join('/', parts);
    }

    // After `from`, `import` or `import(`: a quoted specifier that starts with ./ or ../ (bare and absolute
    // specifiers are not files of this folder).
    [GeneratedRegex("""(?<=\b(?:from|import)\s*\(?\s*)(?<quote>["'])(?<spec>\.\.?/[^"'\s]+)\k<quote>""")]
    private static partial Regex Specifier();
}
