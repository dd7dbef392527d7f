using CloudPortal.Knowledge;

namespace CloudPortal.Configuration;

/// <summary>One language the site is published in. The default language is served at the root, the others under their prefix.</summary>
public sealed record LanguageConfig(string Code, string Name, string Culture, string Prefix);

/// <summary>The site configuration file (<c>cloudportal.yaml</c>), typed.</summary>
public sealed record SiteConfig(
    LocalizedText Title,
    LocalizedText? Description,
    Uri BaseUrl,
    string Theme,
    IReadOnlyList<LanguageConfig> Languages,
    int PageSize,
    int FeedItems,
    bool FeedFullContent,
    IReadOnlyDictionary<string, string> Permalinks)
{
    /// <summary>Whether the build writes the search index (search/&lt;lang&gt;/); on by default.</summary>
    public bool SearchEnabled { get; init; } = true;

    /// <summary>Which generated lists the site writes.</summary>
    public GeneratedPages Pages { get; init; } = GeneratedPages.All;

    public const string FileName = "cloudportal.yaml";

    public LanguageConfig DefaultLanguage => Languages[0];

    public IReadOnlyList<string> LanguageCodes => Languages.Select(l => l.Code).ToList();

    public LanguageConfig? Language(string code) => Languages.FirstOrDefault(l => l.Code == code);

    /// <summary>The path part of the base URL, always ending in '/': "/" or "/portal/".</summary>
    public string BasePath => BaseUrl.AbsolutePath.EndsWith('/') ? BaseUrl.AbsolutePath : BaseUrl.AbsolutePath + "/";

    public static readonly IReadOnlyDictionary<string, string> DefaultPermalinks = new Dictionary<string, string>
    {
        ["articles"] = "{prefix}/articles/{slug}/",
        ["pages"] = "{prefix}/{slug}/",
    };
}
