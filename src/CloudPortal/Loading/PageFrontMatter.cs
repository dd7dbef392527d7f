using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;

namespace CloudPortal.Loading;

/// <summary>The typed front matter of an article or page. See docs/CONTENT.md for what each field means.</summary>
public sealed record PageFrontMatter(
    string Title,
    DateTimeOffset? Date,
    DateTimeOffset? Updated,
    DateTimeOffset? Expires,
    string? Summary,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Reference> Providers,
    IReadOnlyList<Reference> Cases,
    IReadOnlyList<Reference> People,
    IReadOnlyList<Reference> Sources,
    IReadOnlyList<Reference> Countries,
    IReadOnlyList<Reference> Organisations,
    IReadOnlyList<Reference> Authors,
    IReadOnlyList<string> Aliases,
    string? Slug,
    string? Layout,
    bool Draft,
    string? TranslationKey,
    string? Lang,
    SourceLocation LayoutAt,
    SourceLocation AliasesAt)
{
    public IEnumerable<Reference> References => Providers.Concat(Cases).Concat(People).Concat(Sources).Concat(Countries).Concat(Organisations).Concat(Authors);

    internal static PageFrontMatter Read(YamlFields f, bool dateRequired)
    {
        var title = f.Text("title", required: true) ?? "";
        var date = f.Date("date", required: dateRequired);
        var updated = f.Date("updated");
        var expires = f.Date("expires");
        var aliases = f.TextList("aliases");
        var summary = f.Text("summary");
        var tags = f.TextList("tags");
        var providers = f.References("providers", EntityKind.Provider.Name);
        var cases = f.References("cases", EntityKind.Case.Name);
        var people = f.References("people", EntityKind.Person.Name);
        var sources = f.References("sources", EntityKind.Source.Name);
        var countries = f.CountryReferences("countries");
        var organisations = f.References("organisations", EntityKind.Organisation.Name);
        var authors = f.References("authors", EntityKind.Person.Name);
        var slug = f.Text("slug");
        var layout = f.Text("layout");
        var draft = f.Bool("draft");
        var translationKey = f.Text("translation_key");
        var lang = f.Text("lang");
        f.Finish();
        return new PageFrontMatter(title, date, updated, expires, summary, tags, providers, cases, people, sources, countries, organisations, authors, aliases,
            slug, layout, draft, translationKey, lang, f.LocationOf("layout"), f.LocationOf("aliases"));
    }
}
