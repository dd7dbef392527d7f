using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace CloudPortal.Templating;

/// <summary>
/// A Scriban context that HTML-escapes every value a template prints, unless the value is
/// <see cref="HtmlContent"/>. Front matter and YAML can then never inject markup through a theme.
/// </summary>
internal sealed class EscapingTemplateContext : TemplateContext
{
    public EscapingTemplateContext(ScriptObject builtins)
        : base(builtins)
    {
        StrictVariables = true;
        LoopLimit = 0;
        RecursiveLimit = 50;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is HtmlContent html)
        {
            Write(html.Value);
            return this;
        }

        var text = ObjectToString(textAsObject);
        if (!string.IsNullOrEmpty(text))
        {
            Write(HtmlEscaper.Escape(text));
        }

        return this;
    }
}
