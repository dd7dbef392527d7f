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

    /// <summary>The output a layout writes its page to, reused for every page this context renders.</summary>
    public Utf8PageOutput PageOutput { get; } = new();

    // Outputs for partials, one per nesting depth, kept with their buffers: a context is reused for
    // page after page on one thread, and a fresh output per include was a large share of all allocation.
    private readonly List<StringBuilderOutput> _partialOutputs = [];
    private int _partialDepth;

    /// <summary>An empty output for a partial at the current depth; give it back with <see cref="ReturnPartialOutput"/>.</summary>
    public StringBuilderOutput RentPartialOutput()
    {
        if (_partialDepth == _partialOutputs.Count)
        {
            _partialOutputs.Add(new StringBuilderOutput());
        }

        var output = _partialOutputs[_partialDepth++];
        output.Builder.Clear();
        return output;
    }

    public void ReturnPartialOutput() => _partialDepth--;

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is HtmlContent html)
        {
            // Straight into the page when the page is what is being written (not a capture or a partial's
            // value, kept as text, and not an indented include, whose lines Scriban indents).
            if (html.Utf8 is { } utf8 && Output is Utf8PageOutput page && string.IsNullOrEmpty(CurrentIndent))
            {
                var start = page.WriteUtf8(utf8);
                html.Writes?.WrittenAt(start, utf8.Length);
            }
            else
            {
                Write(html.Value);
            }

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
