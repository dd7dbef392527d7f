using CloudPortal.Diagnostics;
using CloudPortal.Knowledge;
using CloudPortal.Loading;

namespace CloudPortal.Graph;

/// <summary>All records by kind and id, and the one place where a reference is resolved or reported.</summary>
public sealed class EntityIndex
{
    private readonly Dictionary<(string Kind, string Id), Entity> _byKey = [];

    internal EntityIndex(IEnumerable<Entity> entities, DiagnosticBag diagnostics)
    {
        foreach (var entity in entities)
        {
            if (_byKey.TryGetValue((entity.Kind.Name, entity.Id), out var existing))
            {
                diagnostics.Error(SourceLocation.FileOnly(entity.File), $"duplicate {entity.Kind} id '{entity.Id}': also defined in {existing.File}; rename one file");
                continue;
            }

            _byKey[(entity.Kind.Name, entity.Id)] = entity;
        }
    }

    public IEnumerable<Entity> All => _byKey.Values.OrderBy(e => e.Kind.Name, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal);

    public IEnumerable<T> OfType<T>() where T : Entity => All.OfType<T>();

    public Entity? Find(string kind, string id) => _byKey.GetValueOrDefault((kind, id));

    public static string Key(Entity entity) => entity.Kind.Name + ":" + entity.Id;

    public string UrlOf(Entity entity, string prefix) => UrlPaths.Join(prefix, entity.Kind.Folder, entity.Id);

    /// <summary>Finds the record a reference names, or reports it where it was written, with the closest id as a hint.</summary>
    public Entity? Resolve(Reference reference, DiagnosticBag diagnostics)
    {
        if (_byKey.TryGetValue((reference.Kind, reference.Id), out var entity))
        {
            return entity;
        }

        var known = _byKey.Keys.Where(k => k.Kind == reference.Kind).Select(k => k.Id);
        diagnostics.Error(reference.Location, $"unknown {reference.Kind} '{reference.Id}'{Suggestions.Hint(reference.Id, known)}");
        return null;
    }
}
