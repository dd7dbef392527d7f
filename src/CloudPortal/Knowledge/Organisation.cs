using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

/// <summary>A company, institute or public body that takes part in cases or employs people.</summary>
public sealed record Organisation(
    string Id,
    string File,
    LocalizedText Name,
    LocalizedText? Summary,
    string? Country,
    Uri? Website,
    IReadOnlyList<Reference> Sources) : Entity(Id, File)
{
    public override EntityKind Kind => EntityKind.Organisation;

    public override LocalizedText DisplayName => Name;

    public override IEnumerable<Reference> References =>
        Sources.Concat(Country is null ? [] : [CountryEntity.ReferenceTo(Country, new Diagnostics.SourceLocation(File, 0, 0))]);

    internal static Organisation? Read(string id, string file, YamlFields f)
    {
        var name = f.Localized("name", required: true);
        var summary = f.Localized("summary");
        var country = f.CountryCode("country");
        var website = f.Url("website");
        var sources = f.References("sources", EntityKind.Source.Name);
        return name is null ? null : new Organisation(id, file, name, summary, country, website, sources);
    }
}
