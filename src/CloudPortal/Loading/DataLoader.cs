using CloudPortal.Configuration;
using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;

namespace CloudPortal.Loading;

/// <summary>Reads every <c>content/data/&lt;kind&gt;/&lt;id&gt;.yaml</c> into its typed record, in parallel.</summary>
internal sealed class DataLoader
{
    public const string FolderName = "data";

    private readonly string _sourceRoot;
    private readonly SiteConfig _config;
    private readonly DiagnosticBag _diagnostics;

    public DataLoader(string sourceRoot, SiteConfig config, DiagnosticBag diagnostics)
    {
        _sourceRoot = sourceRoot;
        _config = config;
        _diagnostics = diagnostics;
    }

    /// <summary>References written in invalid records or invalid parts of records: still checked, so one run reports them too.</summary>
    public List<Reference> ReferencesOfInvalidRecords { get; } = [];

    public IReadOnlyList<Entity> Load()
    {
        var dataRoot = Path.Combine(_sourceRoot, "content", FolderName);
        if (!Directory.Exists(dataRoot))
        {
            return [];
        }

        var files = new List<(EntityKind Kind, string FullPath)>();
        foreach (var folder in Directory.EnumerateDirectories(dataRoot).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var kind = EntityKind.DataKinds.FirstOrDefault(k => k.Folder == name);
            if (kind is null)
            {
                var hint = name == EntityKind.Country.Folder
                    ? "; countries need no files: name them by ISO code and their names come from the locale data"
                    : $"{Suggestions.Hint(name, EntityKind.DataKinds.Select(k => k.Folder))}; data folders are {string.Join(", ", EntityKind.DataKinds.Select(k => k.Folder))}";
                _diagnostics.Error(SourceLocation.FileOnly(Relative(folder)), $"unknown data folder '{name}'{hint}");
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
                {
                    files.Add((kind, file));
                }
            }
        }

        var entities = new Entity?[files.Count];
        var orphans = new List<Reference>?[files.Count];
        Build.IndexLoop.ForEach(files.Count, i => (entities[i], orphans[i]) = LoadOne(files[i].Kind, files[i].FullPath), run: 1);
        ReferencesOfInvalidRecords.AddRange(orphans.Where(o => o is not null).SelectMany(o => o!));
        return entities.OfType<Entity>().OrderBy(e => e.Kind.Name, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    private (Entity?, List<Reference>?) LoadOne(EntityKind kind, string fullPath)
    {
        var relative = Relative(fullPath);
        return Parse(kind, relative, File.ReadAllText(fullPath), _config.LanguageCodes, _diagnostics);
    }

    internal static (Entity? Entity, List<Reference>? OrphanReferences) Parse(EntityKind kind, string relativePath, string text, IReadOnlyList<string> languages, DiagnosticBag diagnostics)
    {
        var id = Path.GetFileNameWithoutExtension(relativePath);
        if (!SlugRules.IsValid(id) || id.Any(c => c > 127))
        {
            diagnostics.Error(new SourceLocation(relativePath, 1, 1), $"'{id}' is not a valid id: the file name is the id; use lower-case ASCII letters, digits and hyphens");
            return (null, null);
        }

        var yaml = Loading.YamlDocument.ParseMapping(text, relativePath, 0, diagnostics);
        if (yaml is null)
        {
            return (null, null);
        }

        var context = new YamlContext(relativePath, 0, diagnostics, languages);
        var fields = new YamlFields(yaml, context);
        Entity? entity = kind.Name switch
        {
            "provider" => Provider.Read(id, relativePath, fields),
            "case" => CaseStudy.Read(id, relativePath, fields),
            "person" => Person.Read(id, relativePath, fields),
            "source" => Source.Read(id, relativePath, fields),
            "organisation" => Organisation.Read(id, relativePath, fields),
            "industry" => Industry.Read(id, relativePath, fields),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind.Name, "no reader for this kind"),
        };
        fields.Finish();
        // References inside parts that failed to read (a figure without a valid value) are in no record; check them anyway.
        var notInRecord = entity is null ? context.References : context.References.Except(entity.References).ToList();
        return (entity, notInRecord.Count > 0 ? notInRecord : null);
    }

    private string Relative(string path) => Path.GetRelativePath(_sourceRoot, path).Replace('\\', '/');
}
