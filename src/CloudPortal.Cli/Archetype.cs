using System.Text;
using System.Text.RegularExpressions;

namespace CloudPortal.Cli;

/// <summary>
/// The template <c>cloudportal new</c> copies: a file with <c>{{name}}</c> placeholders. A plain
/// replacement rather than Scriban, so an archetype is the file a writer would otherwise copy by hand
/// and nothing in it but the placeholders is special.
/// </summary>
internal sealed partial class Archetype
{
    private Archetype(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The archetype's full path, for messages.</summary>
    public string Path { get; }

    public string Text { get; }

    /// <summary>
    /// Where an archetype for <paramref name="kind"/> may be, most specific first: the site's own
    /// <c>archetypes/</c> overrides the theme's, and a language-specific file (<c>article.en.md</c>)
    /// overrides the general one, so each language can have placeholder text in its own language.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string root, string theme, string kind, string extension, string? lang)
    {
        var names = lang is null ? [$"{kind}{extension}"] : new[] { $"{kind}.{lang}{extension}", $"{kind}{extension}" };
        var folders = new[] { System.IO.Path.Combine(root, "archetypes"), System.IO.Path.Combine(root, "themes", theme, "archetypes") };
        return folders.SelectMany(folder => names.Select(name => System.IO.Path.Combine(folder, name))).ToList();
    }

    public static Archetype? Find(IEnumerable<string> candidates) =>
        candidates.Where(File.Exists).Select(path => new Archetype(path, File.ReadAllText(path).ReplaceLineEndings("\n"))).FirstOrDefault();

    /// <summary>
    /// The text with every placeholder replaced. An unknown placeholder is an error rather than left in,
    /// since it would otherwise reach the page as literal braces.
    /// </summary>
    public string Expand(IReadOnlyDictionary<string, string> values, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var text = Placeholder().Replace(Text, match =>
        {
            var name = match.Groups[1].Value;
            if (values.TryGetValue(name, out var value))
            {
                return value;
            }

            var (line, column) = Position(match.Index);
            problems.Add($"{Path}:{line}:{column}: error: unknown placeholder {{{{{name}}}}}; an archetype may use "
                + string.Join(", ", values.Keys.Order(StringComparer.Ordinal).Select(k => $"{{{{{k}}}}}")));
            return match.Value;
        });
        errors = problems;
        return text;
    }

    private (int Line, int Column) Position(int index)
    {
        var before = Text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    /// <summary>"alibaba-cloud" → "Alibaba cloud": a readable stand-in for a title until the writer gives one.</summary>
    public static string Humanize(string slug)
    {
        var words = new StringBuilder(slug.Replace('-', ' '));
        words[0] = char.ToUpperInvariant(words[0]);
        return words.ToString();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
