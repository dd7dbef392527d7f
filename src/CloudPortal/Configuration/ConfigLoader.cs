using CloudPortal.Diagnostics;
using CloudPortal.Loading;
using YamlDotNet.RepresentationModel;

namespace CloudPortal.Configuration;

/// <summary>Reads <c>cloudportal.yaml</c>. A missing or broken config stops the build, since every later stage depends on it.</summary>
internal static class ConfigLoader
{
    public static SiteConfig? Load(string sourceRoot, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(sourceRoot, SiteConfig.FileName);
        if (!File.Exists(path))
        {
            diagnostics.Error(SourceLocation.FileOnly(SiteConfig.FileName),
                $"no {SiteConfig.FileName} in {Path.GetFullPath(sourceRoot)}; run the command in a site folder or pass --source DIR");
            return null;
        }

        return Parse(File.ReadAllText(path), SiteConfig.FileName, diagnostics);
    }

    public static SiteConfig? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.ErrorCount;
        var root = Loading.YamlDocument.ParseMapping(text, file, 0, diagnostics);
        if (root is null)
        {
            return null;
        }

        var languages = ReadLanguages(root, file, diagnostics);
        var fields = new YamlFields(root, new YamlContext(file, 0, diagnostics, languages.Select(l => l.Code).ToList()));
        fields.Has("languages");
        var title = fields.Localized("title", required: true);
        var description = fields.Localized("description");
        var baseUrl = fields.Url("base_url", required: true);
        var theme = fields.Text("theme") ?? "default";
        var pageSize = fields.Int("paginate") ?? 10;
        var search = true;
        fields.Object("search", f =>
        {
            search = !f.Has("enabled") || f.Bool("enabled");
            return f;
        });
        var pages = fields.Object("pages", ReadGeneratedPages) ?? GeneratedPages.All;
        var feedItems = 20;
        var feedFull = true;
        fields.Object("feeds", f =>
        {
            feedItems = f.Int("items") ?? feedItems;
            feedFull = (f.Choice("content", ["full", "summary"]) ?? "full") == "full";
            return f;
        });
        var permalinks = new Dictionary<string, string>(SiteConfig.DefaultPermalinks);
        fields.Object("permalinks", p =>
        {
            foreach (var section in new[] { "articles", "pages" })
            {
                if (p.Text(section) is { } pattern)
                {
                    if (!pattern.Contains("{slug}", StringComparison.Ordinal))
                    {
                        diagnostics.Error(p.LocationOf(section), $"permalink pattern for {section} must contain {{slug}}, e.g. \"{{prefix}}/{section}/{{slug}}/\"");
                    }

                    permalinks[section] = pattern;
                }
            }

            return p;
        });
        fields.Finish();

        if (pageSize < 1)
        {
            diagnostics.Error(fields.LocationOf("paginate"), "`paginate` (items per list page) must be at least 1");
        }

        if (feedItems < 1)
        {
            diagnostics.Error(fields.LocationOf("feeds"), "`feeds.items` must be at least 1");
        }

        if (diagnostics.ErrorCount > errorsBefore || title is null || baseUrl is null || languages.Count == 0)
        {
            return null;
        }

        return new SiteConfig(title, description, baseUrl, theme, languages, pageSize, feedItems, feedFull, permalinks) { SearchEnabled = search, Pages = pages };
    }

    private static GeneratedPages ReadGeneratedPages(YamlFields f)
    {
        var all = GeneratedPages.All;
        bool On(string key, bool fallback) => f.Has(key) ? f.Bool(key) : fallback;
        return new GeneratedPages
        {
            ArticleList = On("article_list", all.ArticleList),
            Archives = On("archives", all.Archives),
            TagIndex = On("tag_index", all.TagIndex),
            MentionLists = On("mention_lists", all.MentionLists),
            PaginateTags = On("paginate_tags", all.PaginateTags),
        };
    }

    private static List<LanguageConfig> ReadLanguages(YamlMappingNode root, string file, DiagnosticBag diagnostics)
    {
        var result = new List<LanguageConfig>();
        var context = new YamlContext(file, 0, diagnostics, []);
        if (!root.Children.TryGetValue(new YamlScalarNode("languages"), out var node))
        {
            diagnostics.Error(context.At(root), "missing required field `languages` (e.g. languages: {zh: {name: 中文, culture: zh-CN}, en: {name: English, culture: en-GB}})");
            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(context.At(node), "`languages` must map language codes to {name, culture}; the first one is the default language");
            return result;
        }

        foreach (var pair in mapping.Children)
        {
            var code = (pair.Key as YamlScalarNode)?.Value ?? "";
            if (!IsLanguageCode(code))
            {
                diagnostics.Error(context.At(pair.Key), $"'{code}' is not a language code like zh, en or pt-br");
                continue;
            }

            if (pair.Value is not YamlMappingNode languageNode)
            {
                diagnostics.Error(context.At(pair.Value), $"language `{code}` must be a mapping with `name` and `culture`");
                continue;
            }

            var fields = new YamlFields(languageNode, context);
            var name = fields.Text("name", required: true) ?? code;
            var culture = fields.Text("culture") ?? code;
            var prefix = fields.Text("prefix") ?? (result.Count == 0 ? "" : code);
            fields.Finish();
            if (!IsKnownCulture(culture))
            {
                diagnostics.Error(fields.LocationOf("culture"), $"unknown culture '{culture}' for language `{code}`; use a name like zh-CN or en-GB");
                culture = "en";
            }

            result.Add(new LanguageConfig(code, name, culture, prefix.Trim('/')));
        }

        return result;
    }

    private static bool IsLanguageCode(string code) =>
        code.Length is >= 2 and <= 8 && code.All(c => c is (>= 'a' and <= 'z') or '-');

    private static bool IsKnownCulture(string culture)
    {
        try
        {
            return System.Globalization.CultureInfo.GetCultureInfo(culture, predefinedOnly: true) is not null;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}
