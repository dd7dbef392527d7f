namespace CloudPortal.Knowledge;

/// <summary>
/// A kind of record: its name in references (<c>provider:</c>), its data folder and URL section, and
/// whether writers keep it in YAML files (countries come from the locale data instead).
/// </summary>
public sealed record EntityKind(string Name, string Folder, bool FromData = true)
{
    public static readonly EntityKind Provider = new("provider", "providers");
    public static readonly EntityKind Case = new("case", "cases");
    public static readonly EntityKind Person = new("person", "people");
    public static readonly EntityKind Source = new("source", "sources");
    public static readonly EntityKind Organisation = new("organisation", "organisations");
    public static readonly EntityKind Industry = new("industry", "industries");
    public static readonly EntityKind Country = new("country", "countries", FromData: false);

    public static readonly IReadOnlyList<EntityKind> All = [Provider, Case, Person, Source, Organisation, Industry, Country];

    public static IEnumerable<EntityKind> DataKinds => All.Where(k => k.FromData);

    public static EntityKind? ByName(string name) => All.FirstOrDefault(k => k.Name == name);

    public override string ToString() => Name;
}
