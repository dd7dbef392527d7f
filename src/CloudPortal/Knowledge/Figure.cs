using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

/// <summary>A number that is only shown with when it was true and where it was published.</summary>
public sealed record Figure(
    LocalizedText? Label,
    decimal Value,
    string Qualifier,
    LocalizedText? Display,
    PartialDate AsOf,
    Reference Source)
{
    public static readonly IReadOnlyList<string> Qualifiers = ["exact", "more-than", "about"];

    internal static Figure? Read(YamlFields f, bool labelled)
    {
        var label = f.Localized("label", required: labelled);
        var value = f.Number("value", required: true);
        var qualifier = f.Choice("qualifier", Qualifiers) ?? "exact";
        var display = f.Localized("display");
        var asOf = f.PartialDate("as_of", required: true);
        var source = f.ReferenceOne("source", EntityKind.Source.Name, required: true);
        return value is null || asOf is null || source is null
            ? null
            : new Figure(label, value.Value, qualifier, display, asOf.Value, source);
    }
}
