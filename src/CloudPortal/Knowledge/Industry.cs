using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

/// <summary>An industry case studies belong to (finance, retail, research, ...).</summary>
public sealed record Industry(string Id, string File, LocalizedText Name, LocalizedText? Summary) : Entity(Id, File)
{
    public override EntityKind Kind => EntityKind.Industry;

    public override LocalizedText DisplayName => Name;

    public override IEnumerable<Reference> References => [];

    internal static Industry? Read(string id, string file, YamlFields f)
    {
        var name = f.Localized("name", required: true);
        var summary = f.Localized("summary");
        return name is null ? null : new Industry(id, file, name, summary);
    }
}
