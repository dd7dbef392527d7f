using CloudPortal.Diagnostics;

namespace CloudPortal.Loading;

/// <summary>The YAML block between <c>---</c> lines at the top of a Markdown file, and the body after it.</summary>
internal readonly record struct FrontMatter(string Yaml, string Body, int BodyLine)
{
    /// <summary>Lines above the YAML text: the opening <c>---</c>.</summary>
    public const int YamlLineOffset = 1;

    public static FrontMatter? Split(string text, string file, DiagnosticBag diagnostics)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (!IsFence(text, 0, out var afterOpening))
        {
            diagnostics.Error(new SourceLocation(file, 1, 1),
                "missing front matter: start the file with a line '---', the fields (title: …), then another '---'");
            return null;
        }

        var line = 2;
        var position = afterOpening;
        while (position < text.Length)
        {
            if (IsFence(text, position, out var afterClosing))
            {
                return new FrontMatter(text[afterOpening..position], text[afterClosing..], line + 1);
            }

            var next = text.IndexOf('\n', position);
            if (next < 0)
            {
                break;
            }

            position = next + 1;
            line++;
        }

        diagnostics.Error(new SourceLocation(file, 1, 1),
            "front matter opened with '---' on line 1 is never closed; add a line '---' after the last field");
        return null;
    }

    private static bool IsFence(string text, int start, out int next)
    {
        next = start;
        if (string.CompareOrdinal(text, start, "---", 0, 3) != 0)
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
