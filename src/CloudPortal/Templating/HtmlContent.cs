using System.Text;

namespace CloudPortal.Templating;

/// <summary>
/// Text that is already HTML (a rendered Markdown body, an included partial) and is written as it is.
/// HTML that exists as UTF-8 (a body from the Markdown stage, JSON-LD) stays in bytes: printed by a layout,
/// it is copied into the page's UTF-8 output as it is, and only decoded when a template uses it as text.
/// </summary>
public sealed class HtmlContent
{
    public static readonly HtmlContent Empty = new("");

    private readonly byte[]? _utf8;
    private string? _value;

    public HtmlContent(string value) => _value = value;

    private HtmlContent(byte[] utf8) => _utf8 = utf8;

    public static HtmlContent FromUtf8(byte[] utf8) => new(utf8);

    /// <summary>A page's own body, which records where the page printed it (see <see cref="BodyWrites"/>).</summary>
    internal static HtmlContent Body(byte[] utf8, BodyWrites writes) => new(utf8) { Writes = writes };

    internal BodyWrites? Writes { get; private init; }

    /// <summary>The HTML as text (decoded on first use when it was given as UTF-8).</summary>
    public string Value
    {
        get
        {
            // Used as text (captured, measured, filtered): where it ends up in the page is no longer known.
            Writes?.UsedAsText();
            return _value ??= Encoding.UTF8.GetString(_utf8!);
        }
    }

    /// <summary>The HTML as UTF-8, when it was given so.</summary>
    internal byte[]? Utf8 => _utf8;

    public override string ToString() => Value;
}
