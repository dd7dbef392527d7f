using System.Globalization;
using System.Text;

namespace CloudPortal.Text;

/// <summary>
/// Counts what a reader reads in mixed Chinese and English text: each CJK character counts once (Chinese
/// has no spaces between words), and each run of letters or digits of other scripts counts as one word.
/// "华为云 Huawei Cloud 在 2018 年" is 5 CJK characters and 3 words.
/// </summary>
public static class ScriptCounter
{
    /// <summary>Reading rates per minute used for reading time: typical adult silent-reading speeds.</summary>
    public const int CjkCharactersPerMinute = 300;
    public const int WordsPerMinute = 200;

    public readonly record struct Counts(int CjkCharacters, int Words)
    {
        public int Total => CjkCharacters + Words;

        /// <summary>Whole minutes, rounded up, at least one for any text.</summary>
        public int ReadingMinutes =>
            Total == 0 ? 0 : Math.Max(1, (int)Math.Ceiling((double)CjkCharacters / CjkCharactersPerMinute + (double)Words / WordsPerMinute));
    }

    public static Counts Count(ReadOnlySpan<char> text)
    {
        int cjk = 0, words = 0;
        var inWord = false;
        var previousJoiner = false;
        for (var i = 0; i < text.Length; i++)
        {
            // ASCII is classified by the character itself (every body's English, markup and numbers pass here);
            // anything else as a Unicode scalar, a surrogate pair joined and a lone surrogate read as U+FFFD,
            // as EnumerateRunes reads them.
            var c = text[i];
            CharKind kind;
            if (c < 0x80)
            {
                kind = char.IsAsciiLetterOrDigit(c) ? CharKind.WordPart : c is '\'' or '-' ? CharKind.Joiner : CharKind.Other;
            }
            else
            {
                Rune rune;
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    rune = new Rune(c, text[++i]);
                }
                else
                {
                    rune = char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c);
                }

                kind = IsCjk(rune) ? CharKind.Cjk : IsWordPart(rune) ? CharKind.WordPart : rune.Value == '’' ? CharKind.Joiner : CharKind.Other;
            }

            switch (kind)
            {
                case CharKind.Cjk:
                    cjk++;
                    inWord = false;
                    break;
                case CharKind.WordPart:
                    if (!inWord)
                    {
                        words++;
                        inWord = true;
                    }

                    break;
                case CharKind.Joiner when inWord && !previousJoiner:
                    // "Telefónica's", "state-of-the-art": one word, as long as a letter follows.
                    previousJoiner = true;
                    continue;
                default:
                    inWord = false;
                    break;
            }

            previousJoiner = false;
        }

        return new Counts(cjk, words);
    }

    private enum CharKind
    {
        Other,
        Cjk,
        WordPart,
        Joiner,
    }

    /// <summary>Letters, digits and combining marks (so a decomposed "é" stays inside its word).</summary>
    internal static bool IsWordPart(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0x3400 and <= 0x4DBF => true,   // Extension A
        >= 0x20000 and <= 0x2EBEF => true, // Extensions B–F
        >= 0xF900 and <= 0xFAFF => true,   // Compatibility Ideographs
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        _ => false,
    };
}
