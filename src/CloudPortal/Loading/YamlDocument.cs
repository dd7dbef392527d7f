using CloudPortal.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Loading;

/// <summary>Parses YAML text into a node tree, turning syntax errors into diagnostics at file positions.</summary>
internal static class YamlDocument
{
    /// <param name="lineOffset">Lines above the YAML in its file (1 for front matter after the opening <c>---</c>).</param>
    public static YamlMappingNode? ParseMapping(string text, string file, int lineOffset, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var location = new SourceLocation(file, (int)ex.Start.Line + lineOffset, (int)ex.Start.Column);
            diagnostics.Error(location, $"invalid YAML: {Describe(ex)}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new YamlMappingNode();
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }

        diagnostics.Error(
            new SourceLocation(file, (int)root.Start.Line + lineOffset, (int)root.Start.Column),
            "expected a mapping of `key: value` lines at the top level");
        return null;
    }

    // YamlDotNet's messages repeat the position ("(Line: 3, Col: 7, Idx: 20) - (...): "); we print our own.
    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        message = cut >= 0 ? message[(cut + 3)..] : message;
        return message.TrimEnd('.') + "; check indentation, colons and quotes on this line";
    }
}
