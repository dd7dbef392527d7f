using CloudPortal.Diagnostics;

namespace CloudPortal.Knowledge;

/// <summary>
/// A country, by ISO 3166 code. Nobody writes a file for it: it exists because something names it,
/// and its names in every language come from the ICU locale data (see <see cref="CountryNames"/>).
/// </summary>
public sealed record CountryEntity(string Code, LocalizedText Name) : Entity(Code.ToLowerInvariant(), "")
{
    public override EntityKind Kind => EntityKind.Country;

    public override LocalizedText DisplayName => Name;

    public override IEnumerable<Reference> References => [];

    public static Reference ReferenceTo(string code, SourceLocation at) => new(EntityKind.Country.Name, code.ToLowerInvariant(), at);

    public static CountryEntity Create(string code, IEnumerable<(string Lang, string Culture)> languages) =>
        new(code.ToUpperInvariant(), new LocalizedText(languages.Select(l => new KeyValuePair<string, string>(l.Lang, CountryNames.Get(code.ToUpperInvariant(), l.Culture)))));
}
