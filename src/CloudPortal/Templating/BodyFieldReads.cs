using Scriban;
using Scriban.Syntax;

namespace CloudPortal.Templating;

/// <summary>The fields of the <c>page</c> object, besides <c>content</c>, that follow from its Markdown body.</summary>
[Flags]
internal enum BodyFields : byte
{
    None = 0,
    Toc = 1,
    ReadingMinutes = 2,
    WordCount = 4,
    All = Toc | ReadingMinutes | WordCount,
}

/// <summary>
/// Which body fields a theme's templates can read, from their syntax trees: a field counts as read when
/// its name appears anywhere (as a member, a variable or a string), and all of them do when <c>page</c>
/// is used other than by a named member (passed whole to a function, a loop or <c>with</c>). Wider than
/// what any one page reads, never narrower: an edit that changes a field no template can read leaves
/// every page's HTML but the body itself as it was.
/// </summary>
internal static class BodyFieldReads
{
    public static BodyFields Of(IEnumerable<Template> templates)
    {
        var found = BodyFields.None;
        foreach (var template in templates)
        {
            Walk(template.Page, ref found);
        }

        return found;
    }

    private static void Walk(ScriptNode? node, ref BodyFields found)
    {
        switch (node)
        {
            case null:
                return;
            case ScriptVariable { Name: "page" } page when !NamedAccess(page):
                found = BodyFields.All;
                return;
            case ScriptVariable variable:
                found |= Named(variable.Name);
                break;
            case ScriptLiteral { Value: string text }:
                found |= Named(text);
                break;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            Walk(node.GetChildren(i), ref found);
        }
    }

    /// <summary>True for <c>page.name</c> and <c>page["name"]</c>: the only uses of <c>page</c> whose reads the names above tell.</summary>
    private static bool NamedAccess(ScriptVariable page) => page.Parent switch
    {
        ScriptMemberExpression member => ReferenceEquals(member.Target, page),
        ScriptIndexerExpression { Index: ScriptLiteral { Value: string } } indexer => ReferenceEquals(indexer.Target, page),
        _ => false,
    };

    private static BodyFields Named(string name) => name switch
    {
        "toc" => BodyFields.Toc,
        "reading_minutes" => BodyFields.ReadingMinutes,
        "word_count" => BodyFields.WordCount,
        _ => BodyFields.None,
    };
}
