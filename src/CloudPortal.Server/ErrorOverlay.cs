using System.Globalization;
using System.Net;
using System.Text;
using CloudPortal.Diagnostics;

namespace CloudPortal.Server;

/// <summary>
/// The panel laid over every page while the last build failed: each error with its file, line, column,
/// message and the source lines around it, so the writer sees what to fix without leaving the browser.
/// Everything taken from content or diagnostics is HTML-escaped; the panel carries its own styles,
/// scoped by id, and is inserted at serve time only.
/// </summary>
public static class ErrorOverlay
{
    public const string ElementId = "cloudportal-overlay";

    /// <summary>Past this many, the rest are counted; the terminal has them all.</summary>
    private const int MaxErrors = 25;

    /// <summary>Lines shown before and after the one in error.</summary>
    private const int ContextLines = 2;

    /// <summary>Source lines longer than this are cut: a minified file must not make the panel a wall of text.</summary>
    private const int MaxLineLength = 240;

    private const string Styles = $$"""
        <style>
        #{{ElementId}}{position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;margin:0;padding:24px;
          background:rgba(24,24,28,.96);color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;text-align:left}
        #{{ElementId}} *{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0;border:0;background:none}
        #{{ElementId}} h2{font-size:18px;font-weight:bold;color:#ff8a80;margin-bottom:4px}
        #{{ElementId}} .cp-note{color:#aaa;margin-bottom:16px}
        #{{ElementId}} section{margin:0 0 16px;padding:12px;border-left:4px solid #ff5252;background:#2c2c32}
        #{{ElementId}} .cp-where{font-weight:bold;color:#80d8ff}
        #{{ElementId}} .cp-message{white-space:pre-wrap;margin:4px 0 8px}
        #{{ElementId}} pre{white-space:pre;overflow-x:auto}
        #{{ElementId}} .cp-line{display:block;color:#999}
        #{{ElementId}} .cp-line b{display:inline-block;min-width:4ch;padding-right:1ch;text-align:right;color:#777;font-weight:normal}
        #{{ElementId}} mark.cp-line{background:#5c2b2b;color:#fff}
        #{{ElementId}} button{position:absolute;top:16px;right:24px;padding:4px 12px;border:1px solid #888;border-radius:4px;cursor:pointer}
        </style>
        """;

    public static string Render(IReadOnlyList<Diagnostic> errors, string siteRoot)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""<div id="{ElementId}" role="alertdialog" aria-modal="true" aria-labelledby="{ElementId}-title">""");
        html.Append(Styles);
        html.Append(CultureInfo.InvariantCulture, $"""<h2 id="{ElementId}-title">Build failed: {errors.Count} error(s)</h2>""");
        html.Append("""<p class="cp-note">This page is from the last good build. Fix the file and save: the page reloads by itself.</p>""");
        html.Append("""<button type="button" data-cloudportal-dismiss>Hide</button>""");
        foreach (var error in errors.Take(MaxErrors))
        {
            html.Append("<section>");
            html.Append("""<p class="cp-where">""").Append(Escape(error.Location.ToString())).Append("</p>");
            html.Append("""<p class="cp-message">""").Append(Escape(error.Message)).Append("</p>");
            var excerpt = Excerpt(siteRoot, error.Location);
            if (excerpt.Count > 0)
            {
                html.Append("<pre>");
                foreach (var (number, text) in excerpt)
                {
                    var tag = number == error.Location.Line ? "mark" : "span";
                    html.Append(CultureInfo.InvariantCulture, $"""<{tag} class="cp-line"><b>{number}</b>{Escape(text)}</{tag}>""");
                }

                html.Append("</pre>");
            }

            html.Append("</section>");
        }

        if (errors.Count > MaxErrors)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<p class="cp-note">…and {errors.Count - MaxErrors} more; the terminal lists every error.</p>""");
        }

        html.Append("</div>\n");
        return html.ToString();
    }

    /// <summary>
    /// The lines around a diagnostic's line, read now from the site folder. Empty when the diagnostic has no
    /// line, the file is gone or unreadable, or its path leads outside the site.
    /// </summary>
    internal static IReadOnlyList<(int Number, string Text)> Excerpt(string siteRoot, SourceLocation location)
    {
        if (location.Line <= 0)
        {
            return [];
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(siteRoot));
        var path = Path.GetFullPath(Path.Combine(root, location.File));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
        {
            return [];
        }

        try
        {
            var first = Math.Max(1, location.Line - ContextLines);
            return File.ReadLines(path)
                .Take(location.Line + ContextLines)
                .Select((text, index) => (Number: index + 1, Text: text))
                .Where(line => line.Number >= first)
                .Select(line => (line.Number, Text: Cut(line.Text.TrimEnd('\r'))))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Cut(string line) => line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
