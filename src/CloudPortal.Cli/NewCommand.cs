using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;

namespace CloudPortal.Cli;

/// <summary>
/// <c>cloudportal new &lt;kind&gt; &lt;slug|id&gt;</c>: creates an article or a data record from the theme's archetype,
/// so a writer starts from a file that already has the fields the schema requires.
/// </summary>
internal static partial class NewCommand
{
    /// <summary>Stricter than the engine's rule (ASCII only): a new slug becomes a file name and a URL, and ASCII keeps both plain.</summary>
    private const string SlugRule = "use lower-case ASCII letters, digits and hyphens, e.g. global-footprint";

    private const int MaxSlugLength = 120;

    public static Command Create(TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var command = new Command("new", "Create an article or a knowledge-base record from the theme's archetype");
        command.Subcommands.Add(CreateArticle(stdout, stderr, clock));
        foreach (var kind in EntityKind.DataKinds)
        {
            command.Subcommands.Add(CreateRecord(kind, stdout, stderr, clock));
        }

        return command;
    }

    private static Command CreateArticle(TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var slug = SlugArgument("slug", "The article's slug: its file name and URL, e.g. global-footprint");
        var source = SourceOption();
        var lang = new Option<string?>("--lang", "-l")
        {
            Description = "The article's language, one of the site's language codes (default: the site's default language)",
        };
        var command = new Command("article", "Create content/articles/<slug>.<lang>.md, dated today and marked draft");
        command.Arguments.Add(slug);
        command.Options.Add(lang);
        command.Options.Add(source);
        command.SetAction(parse => Scaffold(new Request(
            Kind: "article",
            Slug: parse.GetValue(slug)!,
            Root: parse.GetValue(source)?.FullName,
            Lang: parse.GetValue(lang),
            Providers: [],
            Sources: []), stdout, stderr, clock));
        return command;
    }

    private static Command CreateRecord(EntityKind kind, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var id = SlugArgument("id", $"The {kind.Name}'s id: its file name and URL, e.g. {Example(kind)}");
        var source = SourceOption();
        var command = new Command(kind.Name, $"Create content/data/{kind.Folder}/<id>.yaml");
        command.Arguments.Add(id);
        command.Options.Add(source);

        // A case study does not build until it names providers and sources; taking them here means the
        // new file builds at once, and checking they exist catches a typo before the build does.
        Option<string[]>? providers = null, cites = null;
        if (kind == EntityKind.Case)
        {
            providers = ReferenceOption("--provider", "A provider the case is about (repeatable, or comma-separated)");
            cites = ReferenceOption("--cite", "A source the case's facts come from (repeatable, or comma-separated)");
            command.Options.Add(providers);
            command.Options.Add(cites);
        }

        command.SetAction(parse => Scaffold(new Request(
            Kind: kind.Name,
            Slug: parse.GetValue(id)!,
            Root: parse.GetValue(source)?.FullName,
            Lang: null,
            Providers: Split(providers is null ? null : parse.GetValue(providers)),
            Sources: Split(cites is null ? null : parse.GetValue(cites))), stdout, stderr, clock));
        return command;
    }

    private sealed record Request(string Kind, string Slug, string? Root, string? Lang, IReadOnlyList<string> Providers, IReadOnlyList<string> Sources)
    {
        public bool IsArticle => Kind == "article";
    }

    private static int Scaffold(Request request, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var root = request.Root ?? Directory.GetCurrentDirectory();
        if (!Directory.Exists(root))
        {
            stderr.WriteLine($"cloudportal: the source folder {root} does not exist");
            return CommandLine.BadUsage;
        }

        var diagnostics = new DiagnosticBag();
        var config = Configuration.SiteConfigReader.Read(root, diagnostics);
        if (config is null)
        {
            foreach (var d in diagnostics.ToSortedList())
            {
                stderr.WriteLine(DiagnosticFormatter.Format(d));
            }

            return CommandLine.ContentErrors;
        }

        string? lang = null;
        if (request.IsArticle)
        {
            lang = request.Lang ?? config.DefaultLanguage.Code;
            if (!config.LanguageCodes.Contains(lang))
            {
                stderr.WriteLine($"cloudportal: --lang must be one of the site's languages ({string.Join(", ", config.LanguageCodes)}), not '{lang}'");
                return CommandLine.BadUsage;
            }
        }

        foreach (var (kind, ids) in new[] { (EntityKind.Provider, request.Providers), (EntityKind.Source, request.Sources) })
        {
            foreach (var id in ids)
            {
                if (!IsValidSlug(id) || !File.Exists(Path.Combine(root, "content", "data", kind.Folder, id + ".yaml")))
                {
                    stderr.WriteLine($"cloudportal: there is no {kind.Name} '{id}' (no content/data/{kind.Folder}/{id}.yaml)");
                    return CommandLine.BadUsage;
                }
            }
        }

        var (relative, extension) = request.IsArticle
            ? ($"content/articles/{request.Slug}.{lang}.md", ".md")
            : ($"content/data/{EntityKind.ByName(request.Kind)!.Folder}/{request.Slug}.yaml", ".yaml");
        var target = Path.GetFullPath(Path.Combine(root, relative));
        if (File.Exists(target))
        {
            stderr.WriteLine($"cloudportal: {target} already exists; not overwriting it");
            return CommandLine.ContentErrors;
        }

        var candidates = Archetype.Candidates(root, config.Theme, request.Kind, extension, lang);
        var archetype = Archetype.Find(candidates);
        if (archetype is null)
        {
            stderr.WriteLine($"cloudportal: no archetype for a new {request.Kind}; looked for {string.Join(", ", candidates)}");
            return CommandLine.ContentErrors;
        }

        var text = archetype.Expand(Placeholders(request, lang, clock), out var errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine(error);
            }

            return CommandLine.ContentErrors;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            // CreateNew, not a second Exists check: refusing to overwrite must hold even if the file appears meanwhile.
            using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(target))
        {
            stderr.WriteLine($"cloudportal: {target} already exists; not overwriting it");
            return CommandLine.ContentErrors;
        }

        stdout.WriteLine(target);
        return CommandLine.Success;
    }

    private static Dictionary<string, string> Placeholders(Request request, string? lang, TimeProvider clock) => new()
    {
        // The writer's local date: an article written this morning in Beijing is dated today there.
        ["date"] = clock.GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["slug"] = request.Slug,
        ["id"] = request.Slug,
        ["title"] = Archetype.Humanize(request.Slug),
        ["lang"] = lang ?? "",
        ["providers"] = FlowList(request.Providers),
        ["sources"] = FlowList(request.Sources),
    };

    private static string FlowList(IReadOnlyList<string> ids) => $"[{string.Join(", ", ids)}]";

    private static Argument<string> SlugArgument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!IsValidSlug(value))
            {
                result.AddError($"'{value}' is not a valid {name}: {SlugRule}");
            }
        });
        return argument;
    }

    private static Option<DirectoryInfo?> SourceOption() => new("--source", "-s")
    {
        Description = "The site root holding cloudportal.yaml, content/ and themes/ (default: the current folder)",
    };

    private static Option<string[]> ReferenceOption(string name, string description)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = "id" };
        option.Validators.Add(result =>
        {
            foreach (var id in Split(result.GetValueOrDefault<string[]>()).Where(id => !IsValidSlug(id)))
            {
                result.AddError($"'{id}' is not a valid id for {name}: {SlugRule}");
            }
        });
        return option;
    }

    private static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();

    internal static bool IsValidSlug(string? slug) => slug is { Length: > 0 and <= MaxSlugLength } && Slug().IsMatch(slug);

    private static string Example(EntityKind kind) => kind.Name switch
    {
        "provider" => "huawei-cloud",
        "case" => "cern-helix-nebula",
        "person" => "xu-zhiwei",
        "source" => "miit-cloud-action-plan-2017",
        "organisation" => "cern",
        "industry" => "finance",
        _ => "my-id",
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
