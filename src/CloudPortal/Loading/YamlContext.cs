using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Loading;

/// <summary>What a typed reader needs to place errors: the file, where its YAML starts, the site's languages.</summary>
internal sealed record YamlContext(string File, int LineOffset, DiagnosticBag Diagnostics, IReadOnlyList<string> Languages)
{
    /// <summary>Every reference read from this file, kept so they are checked even when the record itself is invalid.</summary>
    public List<Reference> References { get; } = [];

    public SourceLocation At(YamlNode node) =>
        new(File, (int)node.Start.Line + LineOffset, (int)node.Start.Column);
}
