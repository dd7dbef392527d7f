using System.Collections.Concurrent;
using CloudPortal.Knowledge;

namespace CloudPortal.Graph;

/// <summary>
/// Which pages and records mention each record. Filled from front matter and data while the graph is
/// built, then from Markdown bodies as they render; read only after <see cref="Freeze"/>.
/// </summary>
public sealed class Backlinks
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Page, byte>> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Entity, byte>> _entities = new(StringComparer.Ordinal);
    private Dictionary<string, IReadOnlyList<Page>> _frozenPages = [];
    private Dictionary<string, IReadOnlyList<Entity>> _frozenEntities = [];

    internal void Add(Entity target, Page from) =>
        _pages.GetOrAdd(EntityIndex.Key(target), _ => new()).TryAdd(from, 0);

    internal void Add(Entity target, Entity from) =>
        _entities.GetOrAdd(EntityIndex.Key(target), _ => new()).TryAdd(from, 0);

    /// <summary>Orders every list (newest first, then by URL) so that output never depends on thread timing.</summary>
    internal void Freeze()
    {
        _byLanguage.Clear();
        _frozenPages = _pages.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<Page>)p.Value.Keys.OrderByDescending(x => x.Date).ThenBy(x => x.Url, StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
        _frozenEntities = _entities.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<Entity>)p.Value.Keys.OrderBy(x => x.Kind.Name, StringComparer.Ordinal).ThenBy(x => x.Id, StringComparer.Ordinal).ToList(),
            StringComparer.Ordinal);
    }

    private readonly ConcurrentDictionary<(string Key, string Lang), IReadOnlyList<Page>> _byLanguage = new();

    public IReadOnlyList<Page> PagesMentioning(Entity entity, string lang) =>
        _frozenPages.TryGetValue(EntityIndex.Key(entity), out var pages)
            ? _byLanguage.GetOrAdd((EntityIndex.Key(entity), lang), _ => pages.Where(p => p.Lang == lang).ToList())
            : [];

    public IReadOnlyList<Entity> EntitiesMentioning(Entity entity) =>
        _frozenEntities.TryGetValue(EntityIndex.Key(entity), out var entities) ? entities : [];
}
