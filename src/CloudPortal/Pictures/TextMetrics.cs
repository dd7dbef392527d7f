using System.Text;
using CloudPortal.Text;

namespace CloudPortal.Pictures;

/// <summary>
/// Estimated text widths, for laying out labels without a font at build time. The estimate is generous
/// (an average sans-serif glyph is about 0.5 em; Chinese characters are a full em), so a label laid out
/// with it rarely runs into its neighbour; the cost is some empty space after short Latin labels.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double fontSize)
    {
        var ems = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            ems += EmsOf(rune);
        }

        return ems * fontSize;
    }

    /// <summary>
    /// Greedy line breaking at spaces, and between any two Chinese characters (Chinese has no spaces). A
    /// word longer than a line gets a line of its own rather than being cut.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var token in Tokens(text.Trim()))
        {
            var candidate = current + token;
            if (current.Length > 0 && Width(candidate.TrimEnd(), fontSize) > maxWidth)
            {
                lines.Add(current.TrimEnd());
                current = token.TrimStart();
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current.TrimEnd());
        return lines;
    }

    /// <summary>Tokens that a line may break before: a word with the spaces before it, or one CJK character.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWide(rune))
            {
                if (token.Length > 0)
                {
                    yield return token.ToString();
                    token.Clear();
                }

                yield return rune.ToString();
                inWord = false;
            }
            else if (Rune.IsWhiteSpace(rune))
            {
                if (inWord)
                {
                    yield return token.ToString();
                    token.Clear();
                    inWord = false;
                }

                token.Append(' ');
            }
            else
            {
                token.Append(rune.ToString());
                inWord = true;
            }
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    private static double EmsOf(Rune rune)
    {
        if (IsWide(rune))
        {
            return 1.0;
        }

        if (rune.Value < 0x80)
        {
            var c = (char)rune.Value;
            return c switch
            {
                ' ' or 'i' or 'l' or 'j' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.3,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.9,
                >= 'A' and <= 'Z' => 0.68,
                >= '0' and <= '9' => 0.58,
                _ => 0.56,
            };
        }

        return 0.62;
    }

    private static bool IsWide(Rune rune) =>
        ScriptCounter.IsCjk(rune)
        || rune.Value is >= 0x3000 and <= 0x303F   // CJK punctuation: 、。「」
        || rune.Value is >= 0xFF00 and <= 0xFF60;  // full-width forms: （），：
}
