using CloudPortal.Loading;

namespace CloudPortal.Knowledge;

public sealed record Source(
    string Id,
    string File,
    LocalizedText Title,
    LocalizedText? Publisher,
    LocalizedText? Author,
    PartialDate? Date,
    string SourceKind,
    Uri? Url,
    LocalizedText? Summary,
    IReadOnlyList<Figure> Figures) : Entity(Id, File)
{
    public static readonly IReadOnlyList<string> Kinds = ["news", "report", "policy", "analysis"];

    public override EntityKind Kind => EntityKind.Source;

    public override LocalizedText DisplayName => Title;

    public override IEnumerable<Reference> References => Figures.Select(f => f.Source).Where(r => r.Id != Id);

    internal static Source? Read(string id, string file, YamlFields f)
    {
        var title = f.Localized("title", required: true);
        var publisher = f.Localized("publisher");
        var author = f.Localized("author");
        var date = f.PartialDate("date");
        var kind = f.Choice("kind", Kinds, required: true);
        var url = f.Url("url");
        var summary = f.Localized("summary");
        var figures = f.ObjectList("figures", x => Figure.Read(x, labelled: true));
        return title is null || kind is null
            ? null
            : new Source(id, file, title, publisher, author, date, kind, url, summary, figures);
    }
}
