using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

public sealed record CaseStudy(
    string Id,
    string File,
    LocalizedText Title,
    LocalizedText Customer,
    LocalizedText Summary,
    Reference? Industry,
    IReadOnlyList<Reference> Countries,
    LocalizedText? Region,
    int? Year,
    IReadOnlyList<Reference> Providers,
    IReadOnlyList<Reference> Partners,
    IReadOnlyList<Reference> Related,
    IReadOnlyList<LocalizedText> Facts,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<Reference> Sources) : Entity(Id, File)
{
    public override EntityKind Kind => EntityKind.Case;

    public override LocalizedText DisplayName => Title;

    public override IEnumerable<Reference> References =>
        Providers.Concat(Related).Concat(Sources).Concat(Figures.Select(f => f.Source)).Concat(Partners).Concat(Countries)
            .Concat(Industry is null ? [] : [Industry]);

    internal static CaseStudy? Read(string id, string file, YamlFields f)
    {
        var title = f.Localized("title", required: true);
        var customer = f.Localized("customer", required: true);
        var summary = f.Localized("summary", required: true);
        var industry = f.ReferenceOne("industry", EntityKind.Industry.Name);
        var countries = f.CountryReferences("countries");
        var region = f.Localized("region");
        var year = f.Int("year");
        var providers = f.References("providers", EntityKind.Provider.Name);
        var partners = f.References("partners", EntityKind.Organisation.Name);
        var related = f.References("related", EntityKind.Case.Name);
        var facts = f.LocalizedList("facts");
        var figures = f.ObjectList("figures", x => Figure.Read(x, labelled: true));
        var sources = f.References("sources", EntityKind.Source.Name);
        if (providers.Count == 0)
        {
            f.Context.Diagnostics.Error(f.LocationOf("providers"), "a case study needs `providers`: the ids of the providers it is about");
        }

        if (sources.Count == 0)
        {
            f.Context.Diagnostics.Error(f.LocationOf("sources"), "a case study needs `sources`: the ids of the sources its facts come from");
        }

        return title is null || customer is null || summary is null
            ? null
            : new CaseStudy(id, file, title, customer, summary, industry, countries, region, year, providers, partners, related, facts, figures, sources);
    }
}
