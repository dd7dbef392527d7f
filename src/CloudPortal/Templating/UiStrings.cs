using CloudPortal.Diagnostics;
using CloudPortal.Loading;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Templating;

/// <summary>
/// The theme's interface text per language (<c>i18n/zh.yaml</c>, <c>i18n/en.yaml</c>): flat <c>key: text</c>.
/// Every language must define every key, so no reader meets an untranslated label.
/// </summary>
internal sealed class UiStrings
{
    public static readonly UiStrings Empty = new([]);

    private readonly Dictionary<string, Dictionary<string, string>> _byLanguage;

    private UiStrings(Dictionary<string, Dictionary<string, string>> byLanguage) => _byLanguage = byLanguage;

    public string? Get(string lang, string key) =>
        _byLanguage.TryGetValue(lang, out var strings) && strings.TryGetValue(key, out var text) ? text : null;

    public static UiStrings Load(string sourceRoot, string folder, IReadOnlyList<string> languages, DiagnosticBag diagnostics)
    {
        var byLanguage = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        // Where each key is first defined, as text: a dictionary of locations (a struct) has no ReadyToRun code.
        var positions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lang in languages)
        {
            var relative = $"{folder}/{lang}.yaml";
            var full = Path.Combine(sourceRoot, relative);
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            byLanguage[lang] = strings;
            if (!File.Exists(full))
            {
                diagnostics.Error(SourceLocation.FileOnly(relative), $"the theme has no interface strings for language '{lang}'; add {relative}");
                continue;
            }

            var context = new YamlContext(relative, 0, diagnostics, languages);
            var root = Loading.YamlDocument.ParseMapping(File.ReadAllText(full), relative, 0, diagnostics);
            foreach (var pair in root?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                if (pair.Key is YamlScalarNode { Value: { } key } && pair.Value is YamlScalarNode { Value: { } text })
                {
                    strings[key] = text;
                    if (!positions.ContainsKey(key))
                    {
                        positions[key] = context.At(pair.Key).ToString();
                    }
                }
                else
                {
                    diagnostics.Error(context.At(pair.Key), "interface strings are flat `key: text` lines");
                }
            }
        }

        foreach (var key in positions.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var lang in languages.Where(l => !byLanguage[l].ContainsKey(key)))
            {
                diagnostics.Error(SourceLocation.FileOnly($"{folder}/{lang}.yaml"),
                    $"missing interface string '{key}' for language '{lang}' (defined at {positions[key]})");
            }
        }

        return new UiStrings(byLanguage);
    }
}
