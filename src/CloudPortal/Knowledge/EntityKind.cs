namespace CloudPortal.Knowledge;

/// <summary>A kind of record: its name in references (<c>provider:</c>), its data folder and its URL section.</summary>
public sealed record EntityKind(string Name, string Folder)
{
    public static readonly EntityKind Provider = new("provider", "providers");
    public static readonly EntityKind Case = new("case", "cases");
    public static readonly EntityKind Person = new("person", "people");
    public static readonly EntityKind Source = new("source", "sources");

    public static readonly IReadOnlyList<EntityKind> All = [Provider, Case, Person, Source];

    public static EntityKind? ByName(string name) => All.FirstOrDefault(k => k.Name == name);

    public override string ToString() => Name;
}
