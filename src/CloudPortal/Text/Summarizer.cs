using System.Globalization;
using System.Text;

namespace CloudPortal.Text;

/// <summary>
/// An automatic summary: the body's opening sentences up to a length, cut after a sentence end
/// (。！？ or . ! ? followed by a space) and never inside a character (surrogate pairs and combining
/// marks stay whole). Length is counted like reading: a CJK character or a Latin word each count 1.
/// </summary>
public static class Summarizer
{
    public static string Summarize(string plainText, int maxUnits = 70)
    {
        var sentenceEnd = -1;
        var units = 0;
        var inWord = false;
        var enumerator = StringInfo.GetTextElementEnumerator(plainText);
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var rune = Rune.GetRuneAt(element, 0);
            var end = enumerator.ElementIndex + element.Length;
            if (ScriptCounter.IsCjk(rune))
            {
                units++;
                inWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                if (!inWord)
                {
                    units++;
                }

                inWord = true;
            }
            else
            {
                inWord = false;
            }

            if (units > maxUnits)
            {
                break;
            }

            if (element is "。" or "！" or "？" || (element is "." or "!" or "?" && (end == plainText.Length || plainText[end] == ' ')))
            {
                sentenceEnd = end;
            }

            if (end == plainText.Length)
            {
                return plainText;
            }
        }

        if (sentenceEnd > 0)
        {
            return plainText[..sentenceEnd];
        }

        // One sentence longer than the limit: cut at the last whole text element that fits, and say so.
        var cut = 0;
        units = 0;
        inWord = false;
        enumerator.Reset();
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var rune = Rune.GetRuneAt(element, 0);
            var counts = ScriptCounter.IsCjk(rune) || (Rune.IsLetterOrDigit(rune) && !inWord);
            inWord = !ScriptCounter.IsCjk(rune) && Rune.IsLetterOrDigit(rune);
            if (counts && ++units > maxUnits)
            {
                break;
            }

            cut = enumerator.ElementIndex + element.Length;
        }

        return plainText[..cut].TrimEnd() + "…";
    }
}
