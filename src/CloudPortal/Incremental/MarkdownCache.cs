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
    // Filled from both rendering threads, read once when the cache is saved: a bag adds to a list of the
    // calling thread's own, where a concurrent dictionary of 10,000 entries had its threads wait on its locks.
    // Of a class, not a tuple: a bag of tuples is generic code ReadyToRun leaves to the JIT, at every start.
    private readonly ConcurrentBag<Remembered> _remembered = [];

    private sealed record Remembered(string SourcePath, CachedMarkdown Facts);
    private Dictionary<string, CachedMarkdown>? _current;

    /// <param name="key">Everything a body renders from besides its own file: engine, config and data (<see cref="CacheKeys"/>).</param>
    public MarkdownCache(Hash128 key, IReadOnlyDictionary<string, CachedMarkdown> previous)
    {
        Key = key;
        _previous = previous;
    }

    /// <summary>Related articles, which the Markdown stage computes once every body's mentions are known.</summary>
    public RelatedCache Related { get; init; } = new();

    public Hash128 Key { get; }

    public CachedMarkdown? Find(string sourcePath) => _previous.GetValueOrDefault(sourcePath);

    public void Remember(string sourcePath, CachedMarkdown facts)
    {
        if (_current is not null)
        {
            throw new InvalidOperationException("facts remembered after the cache was read for saving");
        }

        _remembered.Add(new Remembered(sourcePath, facts));
    }

    /// <summary>The facts this build remembered for a file; once called, nothing more may be remembered.</summary>
    public CachedMarkdown? Current(string sourcePath)
    {
        // Read for the build cache and the quick-edit index at once, on two threads: made once, under a lock.
        if (Volatile.Read(ref _current) is null)
        {
            lock (_remembered)
            {
                if (_current is null)
                {
                    var current = new Dictionary<string, CachedMarkdown>(_remembered.Count, StringComparer.Ordinal);
                    foreach (var (path, facts) in _remembered)
                    {
                        current[path] = facts;
                    }

                    Volatile.Write(ref _current, current);
                }
            }
        }

        return _current!.GetValueOrDefault(sourcePath);
    }
}
