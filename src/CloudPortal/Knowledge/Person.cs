using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

public sealed record Quote(LocalizedText Text, Reference Source);

public sealed record Person(
    string Id,
    string File,
    LocalizedText Name,
    LocalizedText Role,
    Reference? Organisation,
    Reference? Provider,
    IReadOnlyList<Quote> Quotes,
    IReadOnlyList<Reference> Sources) : Entity(Id, File)
{
    public override EntityKind Kind => EntityKind.Person;

    public override LocalizedText DisplayName => Name;

    public override IEnumerable<Reference> References =>
        new[] { Provider, Organisation }.OfType<Reference>().Concat(Sources).Concat(Quotes.Select(q => q.Source));

    internal static Person? Read(string id, string file, YamlFields f)
    {
        var name = f.Localized("name", required: true);
        var role = f.Localized("role", required: true);
        var organisation = f.ReferenceOne("organisation", EntityKind.Organisation.Name);
        var provider = f.ReferenceOne("provider", EntityKind.Provider.Name);
        var quotes = f.ObjectList("quotes", q =>
        {
            var text = q.Localized("text", required: true);
            var source = q.ReferenceOne("source", EntityKind.Source.Name, required: true);
            return text is null || source is null ? null : new Quote(text, source);
        });
        var sources = f.References("sources", EntityKind.Source.Name);
        return name is null || role is null
            ? null
            : new Person(id, file, name, role, organisation, provider, quotes, sources);
    }
}
