using System.Globalization;
using CloudPortal.Configuration;
using CloudPortal.Graph;
using CloudPortal.Knowledge;
using Scriban.Runtime;

namespace CloudPortal.Templating;

/// <summary>The functions a template may call, bound to one page's language: t, date, month, number, href, lang_attr.</summary>
internal sealed class TemplateFunctions
{
    private readonly SiteConfig _config;
    private readonly UiStrings _strings;
    private readonly string _lang;
    private readonly CultureInfo _culture;
    private readonly Action<string> _missingString;
    private readonly Assets.AssetPipeline? _assets;

    public TemplateFunctions(SiteConfig config, UiStrings strings, string lang, Action<string> missingString, Assets.AssetPipeline? assets = null)
    {
        _assets = assets;
        _config = config;
        _strings = strings;
        _lang = lang;
        _culture = CultureInfo.GetCultureInfo(config.Language(lang)!.Culture);
        _missingString = missingString;
    }

    public void ImportInto(ScriptObject globals)
    {
        globals.Import("t", new Func<string, string>(key => Translate(key)));
        globals.Import("tf", new Func<string, object?, string>(Translate));
        globals.Import("date", new Func<object?, string>(FormatDate));
        globals.Import("month", new Func<object?, string>(FormatMonth));
        globals.Import("number", new Func<object?, string>(FormatNumber));
        globals.Import("href", new Func<string, string>(url => Links.Href(_config, url)));
        globals.Import("lang_attr", new Func<object?, HtmlContent>(LangAttribute));
        globals.Import("stylesheet", new Func<string, HtmlContent>(path =>
            AssetTag(path, (href, integrity) => $"<link rel=\"stylesheet\" href=\"{href}\"{integrity}>")));
        globals.Import("script", new Func<string, HtmlContent>(path =>
            AssetTag(path, (src, integrity) => $"<script type=\"module\" src=\"{src}\"{integrity}></script>")));
        globals.Import("asset_url", new Func<string, string>(path => Links.Href(_config, "/" + Asset(path).OutputPath)));
    }

    public string Translate(string key, object? argument = null)
    {
        var text = _strings.Get(_lang, key);
        if (text is null)
        {
            _missingString(key);
            return key;
        }

        return argument is null ? text : text.Replace("{0}", Convert.ToString(argument, _culture), StringComparison.Ordinal);
    }

    public string FormatDate(object? value) => value switch
    {
        DateTimeOffset d => d.ToString(Translate("date_format"), _culture),
        Loading.PartialDate p when p.Day is not null => new DateTime(p.Year, p.Month!.Value, p.Day.Value).ToString(Translate("date_format"), _culture),
        Loading.PartialDate p when p.Month is not null => new DateTime(p.Year, p.Month.Value, 1).ToString(Translate("month_format"), _culture),
        Loading.PartialDate p => p.Year.ToString(CultureInfo.InvariantCulture),
        null => "",
        _ => value.ToString() ?? "",
    };

    public string FormatMonth(object? value) => value is DateTimeOffset d ? d.ToString(Translate("month_format"), _culture) : FormatDate(value);

    public string FormatNumber(object? value) => value switch
    {
        decimal d => d.ToString("#,0.##", _culture),
        int i => i.ToString("#,0", _culture),
        _ => Convert.ToString(value, _culture) ?? "",
    };

    private HtmlContent AssetTag(string path, Func<string, string, string> tag)
    {
        var asset = Asset(path);
        var href = HtmlEscaper.Escape(Links.Href(_config, "/" + asset.OutputPath));
        var integrity = asset.Integrity is null ? "" : $" integrity=\"{asset.Integrity}\" crossorigin=\"anonymous\"";
        return new HtmlContent(tag(href, integrity));
    }

    private Assets.Asset Asset(string path) =>
        _assets?.Find(path) ?? throw new Scriban.Syntax.ScriptRuntimeException(default,
            $"no static file '{path}' in the theme; the path is relative to the theme's static/ folder, e.g. 'css/site.css'");

    /// <summary>Marks text shown in another language than the page's, so screen readers pronounce it right.</summary>
    private static HtmlContent LangAttribute(object? value) =>
        value is LocalizedText.Resolved { IsFallback: true } resolved
            ? new HtmlContent($" lang=\"{HtmlEscaper.Escape(resolved.Lang)}\"")
            : HtmlContent.Empty;
}
