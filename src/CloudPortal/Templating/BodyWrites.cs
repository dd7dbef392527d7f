namespace CloudPortal.Templating;

/// <summary>
/// Where a layout printed its page's body: when it went into the page once, as it is, the page is the
/// bytes before it, the body, and the bytes after it; an edit of the body alone can then be written into
/// the last output without the rest of the site (see <c>Incremental.QuickEdit</c>).
/// </summary>
internal sealed class BodyWrites
{
    private int _count;
    private bool _usedAsText;

    public int Start { get; private set; } = -1;

    public int Length { get; private set; }

    public void WrittenAt(int start, int length)
    {
        _count++;
        (Start, Length) = (start, length);
    }

    public void UsedAsText() => _usedAsText = true;

    /// <summary>The body's range in the page, or null when the page printed it more than once, not at all, or used it as text.</summary>
    public (int Start, int Length)? Range => _count == 1 && !_usedAsText ? (Start, Length) : null;
}
