using System.Collections.Concurrent;

namespace CloudPortal.Diagnostics;

/// <summary>
/// Collects diagnostics from every stage, including stages running in parallel. Stages report and go on,
/// so one run shows every problem it can find.
/// </summary>
public sealed class DiagnosticBag
{
    // Made on the first report: a bag is opened for every file read, and most files report nothing.
    private ConcurrentQueue<Diagnostic>? _items;
    private int _errorCount;

    public bool HasErrors => Volatile.Read(ref _errorCount) > 0;

    public int ErrorCount => Volatile.Read(ref _errorCount);

    public void Add(Diagnostic diagnostic)
    {
        var items = Volatile.Read(ref _items);
        if (items is null)
        {
            var fresh = new ConcurrentQueue<Diagnostic>();
            items = Interlocked.CompareExchange(ref _items, fresh, null) ?? fresh;
        }

        items.Enqueue(diagnostic);
        if (diagnostic.IsError)
        {
            Interlocked.Increment(ref _errorCount);
        }
    }

    public void Error(SourceLocation location, string message) =>
        Add(new Diagnostic(DiagnosticSeverity.Error, location, message));

    public void Warning(SourceLocation location, string message) =>
        Add(new Diagnostic(DiagnosticSeverity.Warning, location, message));

    /// <summary>Sorted by file, line and column so that output does not depend on thread scheduling.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        ((IEnumerable<Diagnostic>?)Volatile.Read(ref _items) ?? [])
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
}
