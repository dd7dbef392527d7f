using CloudPortal.Diagnostics;

namespace CloudPortal.Loading;

/// <summary>The YAML block between <c>---</c> lines at the top of a Markdown file, and the body after it.</summary>
internal readonly record struct FrontMatter(string Yaml, string Body, int BodyLine)
{
    /// <summary>Lines above the YAML text: the opening <c>---</c>.</summary>
    public const int YamlLineOffset = 1;

    public static FrontMatter? Split(string text, string file, DiagnosticBag diagnostics) =>
        Split(text.AsSpan(), file, diagnostics, withBody: true);

    /// <summary>The YAML and where the body starts, without the body, which is read again when it renders.</summary>
    public static FrontMatter? Head(ReadOnlySpan<char> text, string file, DiagnosticBag diagnostics) =>
        Split(text, file, diagnostics, withBody: false);

    private static FrontMatter? Split(ReadOnlySpan<char> text, string file, DiagnosticBag diagnostics, bool withBody)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        switch (Locate(text))
        {
            case { } found:
                return new FrontMatter(new string(text[found.YamlStart..found.YamlEnd]), withBody ? new string(text[found.BodyStart..]) : "", found.BodyLine);
            case null when !IsFence(text, 0, out _):
                diagnostics.Error(new SourceLocation(file, 1, 1),
                    "missing front matter: start the file with a line '---', the fields (title: …), then another '---'");
                return null;
            default:
                diagnostics.Error(new SourceLocation(file, 1, 1),
                    "front matter opened with '---' on line 1 is never closed; add a line '---' after the last field");
                return null;
        }
    }

    /// <summary>The body alone, for a file whose front matter was read before; null when the file no longer has one.</summary>
    public static string? BodyOf(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return Locate(text) is { } found ? new string(text[found.BodyStart..]) : null;
    }

    /// <summary>Where the YAML and the body are in a file's text (without its byte order mark), or null when it has no closed front matter.</summary>
    private static (int YamlStart, int YamlEnd, int BodyStart, int BodyLine)? Locate(ReadOnlySpan<char> text)
    {
        if (!IsFence(text, 0, out var afterOpening))
        {
            return null;
        }

        var line = 2;
        var position = afterOpening;
        while (position < text.Length)
        {
            if (IsFence(text, position, out var afterClosing))
            {
                return (afterOpening, position, afterClosing, line + 1);
            }

            var next = text[position..].IndexOf('\n');
            if (next < 0)
            {
                break;
            }

            position += next + 1;
            line++;
        }

        return null;
    }

    private static bool IsFence(ReadOnlySpan<char> text, int start, out int next)
    {
        next = start;
        if (!text[start..].StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        var end = start + 3;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        if (end == text.Length)
        {
            next = end;
            return true;
        }

        if (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n')
        {
            next = end + 2;
            return true;
        }

        if (text[end] == '\n')
        {
            next = end + 1;
            return true;
        }

        return false;
    }
}
