using System.Collections.Concurrent;

namespace CloudPortal.Incremental;

/// <summary>
/// The Markdown stage's view of the build cache: the body facts of the last build for files whose front
/// matter also came from the cache (so the file is unchanged), and the facts of this build, collected
/// for the next one.
/// </summary>
internal sealed class MarkdownCache
{
    private readonly IReadOnlyDictionary<string, CachedMarkdown> _previous;
    private readonly ConcurrentDictionary<string, CachedMarkdown> _current;

    /// <param name="key">Everything a body renders from besides its own file: engine, config and data (<see cref="CacheKeys"/>).</param>
    public MarkdownCache(UInt128 key, IReadOnlyDictionary<string, CachedMarkdown> previous)
    {
        Key = key;
        _previous = previous;
        _current = new ConcurrentDictionary<string, CachedMarkdown>(Environment.ProcessorCount * 4, Math.Max(previous.Count, 64), StringComparer.Ordinal);
    }

    /// <summary>Related articles, which the Markdown stage computes once every body's mentions are known.</summary>
    public RelatedCache Related { get; init; } = new();

    public UInt128 Key { get; }

    public CachedMarkdown? Find(string sourcePath) => _previous.GetValueOrDefault(sourcePath);

    public void Remember(string sourcePath, CachedMarkdown facts) => _current[sourcePath] = facts;

    public CachedMarkdown? Current(string sourcePath) => _current.GetValueOrDefault(sourcePath);
}
