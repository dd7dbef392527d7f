namespace CloudPortal.Graph;

/// <summary>Where a list page stands among its pages: page N of M, with the URLs of its neighbours.</summary>
public sealed record Pager(int Number, int Total, string FirstUrl, string? PrevUrl, string? NextUrl)
{
    /// <summary>Page 1 keeps the list's own URL; page N lives at <c>&lt;list&gt;/page/N/</c>.</summary>
    public static string UrlOf(string listUrl, int number) => number == 1 ? listUrl : $"{listUrl}page/{number}/";
}
