using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CloudPortal.Templating;

/// <summary>
/// <c>{{ include "header.html" }}</c>: renders a partial the theme parsed once. Unlike Scriban's own
/// include, the result is <see cref="HtmlContent"/>, so the escaping context does not escape it twice;
/// included by a statement of a layout, the partial writes into the page as the layout does.
/// </summary>
internal sealed class PartialFunction : IScriptCustomFunction
{
    private readonly Theme _theme;

    public PartialFunction(Theme theme) => _theme = theme;

    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(HtmlContent);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(string), "name");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? default;
        var name = context.ObjectToString(arguments[0]) ?? "";
        if (!_theme.Partials.TryGetValue(name, out var partial))
        {
            throw new ScriptRuntimeException(span,
                $"unknown partial '{name}'; the theme's partials are {string.Join(", ", _theme.Partials.Keys.Order(StringComparer.Ordinal))}");
        }

        var escaping = context as EscapingTemplateContext;
        if (escaping?.Output is Utf8PageOutput && callerContext?.Parent is ScriptExpressionStatement)
        {
            // A statement of the layout itself (not a value a template goes on to use): the partial writes
            // straight into the page, with no string of its own in between.
            partial.Render(context);
            return null;
        }

        context.PushOutput(escaping?.RentPartialOutput() ?? new StringBuilderOutput());
        try
        {
            return new HtmlContent(partial.Render(context) ?? "");
        }
        finally
        {
            context.PopOutput();
            escaping?.ReturnPartialOutput();
        }
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
