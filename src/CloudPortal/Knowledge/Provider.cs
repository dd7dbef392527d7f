using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

public sealed record Provider(
    string Id,
    string File,
    LocalizedText Name,
    LocalizedText? Parent,
    Reference? Headquarters,
    bool Comparison,
    LocalizedText Summary,
    Figure? Regions,
    Figure? AvailabilityZones,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<LocalizedText> Facts,
    IReadOnlyList<Reference> Partners,
    IReadOnlyList<Reference> Sources) : Entity(Id, File)
{
    public override EntityKind Kind => EntityKind.Provider;

    public override LocalizedText DisplayName => Name;

    public IEnumerable<Figure> AllFigures =>
        new[] { Regions, AvailabilityZones }.OfType<Figure>().Concat(Figures);

    public override IEnumerable<Reference> References =>
        Sources.Concat(AllFigures.Select(f => f.Source)).Concat(Partners).Concat(Headquarters is null ? [] : [Headquarters]);

    internal static Provider? Read(string id, string file, YamlFields f)
    {
        var name = f.Localized("name", required: true);
        var parent = f.Localized("parent");
        var headquarters = f.CountryCode("headquarters") is { } code ? CountryEntity.ReferenceTo(code, f.LocationOf("headquarters")) : null;
        var comparison = f.Bool("comparison");
        var summary = f.Localized("summary", required: true);
        var regions = f.Object("regions", x => Figure.Read(x, labelled: false));
        var zones = f.Object("availability_zones", x => Figure.Read(x, labelled: false));
        var figures = f.ObjectList("figures", x => Figure.Read(x, labelled: true));
        var facts = f.LocalizedList("facts");
        var partners = f.References("partners", EntityKind.Organisation.Name);
        var sources = f.References("sources", EntityKind.Source.Name);
        return name is null || summary is null
            ? null
            : new Provider(id, file, name, parent, headquarters, comparison, summary, regions, zones, figures, facts, partners, sources);
    }
}
