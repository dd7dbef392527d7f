using CloudPortal.Diagnostics;
using Scriban.Parsing;

namespace CloudPortal.Templating;

/// <summary>Scriban counts lines and columns from 0; diagnostics from 1.</summary>
internal static class TemplateErrors
{
    public static SourceLocation Location(string file, SourceSpan span) =>
        new(string.IsNullOrEmpty(span.FileName) ? file : span.FileName, span.Start.Line + 1, span.Start.Column + 1);
}
