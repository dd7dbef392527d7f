using CloudPortal.Graph;
using CloudPortal.Knowledge;
using Scriban.Runtime;
using static CloudPortal.Templating.ModelValues;

namespace CloudPortal.Templating;

/// <summary>What a template sees of a record, in one language: names resolved, references turned into links, figures with their source.</summary>
internal sealed class EntityModels
{
    private readonly SiteGraph _graph;
    private readonly string _lang;
    private readonly TemplateFunctions _functions;

    public EntityModels(SiteGraph graph, string lang, TemplateFunctions functions)
    {
        _graph = graph;
        _lang = lang;
        _functions = functions;
    }

    public LocalizedText.Resolved? Text(LocalizedText? text) => text?.In(_lang, _graph.Config.LanguageCodes);

    public ScriptArray Texts(IEnumerable<LocalizedText> texts) => Array(texts, t => Text(t));

    public ScriptObject? Link(Reference? reference) =>
        reference is null ? null : _graph.Entities.Find(reference.Kind, reference.Id) is { } e ? Link(e) : null;

    public ScriptObject Link(Entity entity) => Object(
        ("name", (object?)Text(entity.DisplayName)),
        ("url", Graph.Links.Href(_graph.Config, _graph.Entities.UrlOf(entity, _graph.Config.Language(_lang)!.Prefix))),
        ("kind", entity.Kind.Name),
        ("id", entity.Id));

    public ScriptArray Links(IEnumerable<Reference> references) => Array(references.Select(Link).OfType<ScriptObject>(), x => x);

    public ScriptObject Figure(Figure figure)
    {
        var value = _functions.FormatNumber(figure.Value);
        var shown = figure.Display is not null ? Text(figure.Display)!.Text : figure.Qualifier switch
        {
            "more-than" => _functions.Translate("figure_more_than").Replace("{0}", value, StringComparison.Ordinal),
            "about" => _functions.Translate("figure_about").Replace("{0}", value, StringComparison.Ordinal),
            _ => value,
        };
        return Object(
            ("label", (object?)Text(figure.Label)),
            ("value", figure.Value),
            ("text", shown),
            ("as_of", _functions.FormatDate(figure.AsOf)),
            ("source", Link(figure.Source)));
    }

    public ScriptObject Model(Entity entity) => entity switch
    {
        Provider p => Provider(p),
        CaseStudy c => Case(c),
        Person p => Person(p),
        Source s => Source(s),
        Organisation o => Organisation(o),
        Industry i => Industry(i),
        CountryEntity c => Country(c),
        _ => Object(),
    };

    private ScriptObject Organisation(Organisation o)
    {
        var model = Base(o);
        model["summary"] = Text(o.Summary);
        model["country"] = o.Country is null ? null : Link(CountryEntity.ReferenceTo(o.Country, default));
        model["website"] = o.Website?.ToString();
        model["sources"] = Links(o.Sources);
        return model;
    }

    private ScriptObject Industry(Industry i)
    {
        var model = Base(i);
        model["summary"] = Text(i.Summary);
        return model;
    }

    private ScriptObject Country(CountryEntity c)
    {
        var model = Base(c);
        model["code"] = c.Code;
        return model;
    }

    private ScriptObject Provider(Provider p)
    {
        var model = Base(p);
        model["parent"] = Text(p.Parent);
        model["headquarters"] = Link(p.Headquarters);
        model["comparison"] = p.Comparison;
        model["summary"] = Text(p.Summary);
        model["regions"] = p.Regions is null ? null : Figure(p.Regions);
        model["availability_zones"] = p.AvailabilityZones is null ? null : Figure(p.AvailabilityZones);
        model["figures"] = Array(p.Figures, f => Figure(f));
        model["facts"] = Texts(p.Facts);
        model["partners"] = Links(p.Partners);
        model["sources"] = Links(p.Sources);
        return model;
    }

    private ScriptObject Case(CaseStudy c)
    {
        var model = Base(c);
        model["customer"] = Text(c.Customer);
        model["summary"] = Text(c.Summary);
        model["industry"] = Link(c.Industry);
        model["countries"] = Links(c.Countries);
        model["region"] = Text(c.Region);
        model["year"] = c.Year;
        model["providers"] = Links(c.Providers);
        model["partners"] = Links(c.Partners);
        model["related"] = Links(c.Related);
        model["facts"] = Texts(c.Facts);
        model["figures"] = Array(c.Figures, f => Figure(f));
        model["sources"] = Links(c.Sources);
        return model;
    }

    private ScriptObject Person(Person p)
    {
        var model = Base(p);
        model["role"] = Text(p.Role);
        model["organisation"] = Link(p.Organisation);
        model["provider"] = Link(p.Provider);
        model["quotes"] = Array(p.Quotes, q => Object(("text", (object?)Text(q.Text)), ("source", Link(q.Source))));
        model["sources"] = Links(p.Sources);
        return model;
    }

    private ScriptObject Source(Source s)
    {
        var model = Base(s);
        model["publisher"] = Text(s.Publisher);
        model["author"] = Text(s.Author);
        model["date"] = s.Date is null ? null : _functions.FormatDate(s.Date.Value);
        model["source_kind"] = _functions.Translate("source_kind_" + s.SourceKind);
        model["url"] = s.Url?.ToString();
        model["summary"] = Text(s.Summary);
        model["figures"] = Array(s.Figures, f => Figure(f));
        return model;
    }

    private ScriptObject Base(Entity e)
    {
        var model = Link(e);
        var mentioning = _graph.Backlinks.EntitiesMentioning(e);
        var pages = _graph.Backlinks.PagesMentioning(e, _lang);
        var articles = pages.Where(p => p.Kind == PageKind.Article).ToList();
        model["articles"] = Array(articles.Take(_graph.Config.PageSize), PageLink);
        model["articles_total"] = articles.Count;
        model["all_articles_url"] = articles.Count > _graph.Config.PageSize && _graph.Config.Pages.MentionLists
            ? Graph.Links.Href(_graph.Config, _graph.Entities.UrlOf(e, _graph.Config.Language(_lang)!.Prefix) + "articles/")
            : null;
        model["authored"] = Array(pages.Where(p => p.Kind == PageKind.Article && p.Source!.FrontMatter.Authors.Any(a => a.Id == e.Id) && e is Person), PageLink);
        model["cited_by"] = Object(
            ("providers", (object?)Array(mentioning.OfType<Provider>(), x => Link(x))),
            ("cases", Array(mentioning.OfType<CaseStudy>(), x => Link(x))),
            ("people", Array(mentioning.OfType<Person>(), x => Link(x))),
            ("organisations", Array(mentioning.OfType<Organisation>(), x => Link(x))),
            ("sources", Array(mentioning.OfType<Source>(), x => Link(x))));
        return model;
    }

    public ScriptObject PageLink(Page page) => PageLink(page, room: 0);

    /// <summary>A page's link, sized for <paramref name="room"/> more members a caller adds.</summary>
    public ScriptObject PageLink(Page page, int room) => ModelValues.ObjectWithRoom(room,
        ("title", (object?)page.Title),
        ("url", Graph.Links.Href(_graph.Config, page.Url)),
        ("date", page.Date),
        ("date_text", page.Date is null ? "" : _functions.FormatDate(page.Date)),
        ("date_iso", page.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("summary", page.Summary),
        ("lang", page.Lang));
}
