using System.Collections.Concurrent;

namespace CloudPortal.Diagnostics;

/// <summary>
/// Collects diagnostics from every stage, including stages running in parallel. Stages report and go on,
/// so one run shows every problem it can find.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();
    private int _errorCount;

    public bool HasErrors => Volatile.Read(ref _errorCount) > 0;

    public int ErrorCount => Volatile.Read(ref _errorCount);

    public void Add(Diagnostic diagnostic)
    {
        _items.Enqueue(diagnostic);
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
        _items
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
}
