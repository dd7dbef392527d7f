namespace CloudPortal.Templating;

/// <summary>Text that is already HTML (a rendered Markdown body, an included partial) and is written as it is.</summary>
public sealed record HtmlContent(string Value)
{
    public static readonly HtmlContent Empty = new("");

    public override string ToString() => Value;
}
