using System.Text;
using CloudPortal.Graph;
using CloudPortal.Knowledge;
using CloudPortal.Templating;

namespace CloudPortal.Pictures;

/// <summary>
/// The portal's pictures, drawn at build time from the knowledge base: a world map of case studies
/// (a file per language, embedded with &lt;object&gt; so its links work and pages stay light), bar charts
/// of the providers' regions and zones, and a timeline of the dated events.
/// </summary>
internal sealed class SitePictures
{
    public const string MapFile = "countries/map.svg";

    private readonly SiteGraph _graph;
    private readonly WorldMapData? _map;

    public SitePictures(SiteGraph graph, WorldMapData? map)
    {
        _graph = graph;
        _map = map;
    }

    public bool HasMap => _map is not null;

    public static WorldMapData? LoadMap(string sourceRoot, string theme)
    {
        var path = Path.Combine(sourceRoot, "themes", theme, "data", "world-110m.json");
        return File.Exists(path) ? WorldMapData.Load(path) : null;
    }

    public string MapUrl(string lang) => Links.Href(_graph.Config, UrlPaths.Join(_graph.Config.Language(lang)!.Prefix) + MapFile);

    /// <summary>Countries with the number of case studies in each, most first: the map's shading and its table.</summary>
    public IReadOnlyList<MapCountry> CaseCountries(string lang)
    {
        var config = _graph.Config;
        return _graph.Entities.OfType<CountryEntity>()
            .Select(c => (Country: c, Cases: _graph.Backlinks.EntitiesMentioning(c).OfType<CaseStudy>().Count()))
            .Where(x => x.Cases > 0)
            .OrderByDescending(x => x.Cases).ThenBy(x => x.Country.Code, StringComparer.Ordinal)
            .Select(x => new MapCountry(x.Country.Code, x.Country.Name.In(lang, config.LanguageCodes).Text, x.Cases,
                Links.Href(config, _graph.Entities.UrlOf(x.Country, config.Language(lang)!.Prefix))))
            .ToList();
    }

    public IEnumerable<Publishing.PublishedFile> MapFiles(Func<string, string, string> translate)
    {
        if (_map is null)
        {
            yield break;
        }

        foreach (var language in _graph.Config.Languages)
        {
            var svg = WorldMap.Render(_map, CaseCountries(language.Code), translate(language.Code, "map_title"), translate(language.Code, "map_description"));
            // Inside an <object>, a link would open in the object's own frame; readers expect the page to change.
            svg = svg.Replace("<a ", "<a target=\"_top\" ", StringComparison.Ordinal);
            var path = (language.Prefix.Length == 0 ? "" : language.Prefix + "/") + MapFile;
            yield return new Publishing.PublishedFile(path, Encoding.UTF8.GetBytes(svg));
        }
    }

    public HtmlContent ProviderCharts(string lang, TemplateFunctions functions)
    {
        var providers = _graph.Entities.OfType<Provider>().ToList();
        var charts = new StringBuilder();
        foreach (var (key, figureOf) in new (string, Func<Provider, Figure?>)[] { ("regions", p => p.Regions), ("availability_zones", p => p.AvailabilityZones) })
        {
            var bars = providers
                .Where(p => figureOf(p) is not null)
                .Select(p => (Provider: p, Figure: figureOf(p)!))
                .OrderByDescending(x => x.Figure.Value).ThenBy(x => x.Provider.Id, StringComparer.Ordinal)
                .Select(x => new Bar(
                    x.Provider.Name.In(lang, _graph.Config.LanguageCodes).Text,
                    x.Figure.Value,
                    functions.FormatNumber(x.Figure.Value),
                    $"{functions.Translate("as_of")} {functions.FormatDate(x.Figure.AsOf)}",
                    SourceUrl(x.Figure.Source, lang)))
                .ToList();
            if (bars.Count > 0)
            {
                charts.Append("<figure class=\"chart\"><figcaption>")
                    .Append(HtmlEscaper.Escape(functions.Translate(key)))
                    .Append("</figcaption>")
                    .Append(BarChart.Render(functions.Translate(key), bars, functions.Translate(key)))
                    .Append("</figure>");
            }
        }

        return new HtmlContent(charts.ToString());
    }

    /// <summary>Dated events: each case study's start year and each source's publication, oldest first.</summary>
    public HtmlContent Timeline(string lang, TemplateFunctions functions)
    {
        var config = _graph.Config;
        var prefix = config.Language(lang)!.Prefix;
        var events = _graph.Entities.OfType<CaseStudy>().Where(c => c.Year is not null)
            .Select(c => new TimelineEvent(c.Year!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Year.Value * 10000,
                c.Title.In(lang, config.LanguageCodes).Text, Links.Href(config, _graph.Entities.UrlOf(c, prefix))))
            .Concat(_graph.Entities.OfType<Source>().Where(s => s.Date is not null)
                .Select(s => new TimelineEvent(functions.FormatDate(s.Date!.Value), SortKey(s.Date!.Value),
                    s.Title.In(lang, config.LanguageCodes).Text, Links.Href(config, _graph.Entities.UrlOf(s, prefix)))))
            .OrderBy(e => e.SortKey).ThenBy(e => e.Label, StringComparer.Ordinal)
            .ToList();
        return events.Count == 0 ? HtmlContent.Empty : new HtmlContent(Pictures.Timeline.Render(functions.Translate("timeline_title"), events));
    }

    private static int SortKey(Loading.PartialDate date) => date.Year * 10000 + (date.Month ?? 0) * 100 + (date.Day ?? 0);

    private string? SourceUrl(Reference source, string lang) =>
        _graph.Entities.Find(source.Kind, source.Id) is { } entity
            ? Links.Href(_graph.Config, _graph.Entities.UrlOf(entity, _graph.Config.Language(lang)!.Prefix))
            : null;
}
