using System.Text;

namespace CloudPortal.Server;

/// <summary>
/// What every HTML response gets just before <c>&lt;/body&gt;</c>: the error overlay while the last build
/// failed, and the live-reload script tagged with the version of the output it was served from. Added at
/// serve time, so the built files stay exactly what <c>cloudportal build</c> would write.
/// </summary>
internal sealed class PageDecoration
{
    private static readonly byte[] BodyClose = "</body"u8.ToArray();
    private readonly byte[] _insert;

    public PageDecoration(string version, string? overlayHtml)
    {
        Version = version;
        OverlayHtml = overlayHtml;
        _insert = Encoding.UTF8.GetBytes(
            (overlayHtml ?? "") + $"<script src=\"{PreviewServer.ScriptPath}\" data-version=\"{version}\"></script>\n");
    }

    /// <summary>Changes whenever the served output or the overlay does; part of HTML ETags and sent to the client.</summary>
    public string Version { get; }

    public string? OverlayHtml { get; }

    public byte[] Apply(ReadOnlySpan<byte> html)
    {
        var at = LastBodyClose(html);
        if (at < 0)
        {
            // A fragment or a page without </body>: the browser still runs a script appended at the end.
            at = html.Length;
        }

        var result = new byte[html.Length + _insert.Length];
        html[..at].CopyTo(result);
        _insert.CopyTo(result.AsSpan(at));
        html[at..].CopyTo(result.AsSpan(at + _insert.Length));
        return result;
    }

    /// <summary>The last <c>&lt;/body</c>, in any letter case: the last, because an article may quote the tag in its text.</summary>
    internal static int LastBodyClose(ReadOnlySpan<byte> html)
    {
        for (var i = html.Length - BodyClose.Length; i >= 0; i--)
        {
            if (html[i] == '<' && Ascii.EqualsIgnoreCase(html.Slice(i, BodyClose.Length), BodyClose))
            {
                return i;
            }
        }

        return -1;
    }
}
