namespace CloudPortal.Markdown;

/// <summary>A link target of the form <c>kind:id#anchor</c> (<c>provider:huawei-cloud</c>), parsed.</summary>
internal readonly record struct CrossReference(string Kind, string Id, string? Anchor)
{
    public static readonly IReadOnlyList<string> Kinds = ["provider", "case", "person", "source", "organisation", "industry", "country", "article"];

    public static CrossReference? TryParse(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var colon = url.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var kind = url[..colon];
        if (!Kinds.Contains(kind))
        {
            return null;
        }

        var rest = url[(colon + 1)..];
        var hash = rest.IndexOf('#');
        var id = hash < 0 ? rest : rest[..hash];
        // Country codes are written upper-case (CH) but are ids in lower case, like every other id.
        id = kind == "country" ? id.ToLowerInvariant() : id;
        return new CrossReference(kind, id, hash < 0 ? null : rest[(hash + 1)..]);
    }
}
