using System.Globalization;
using System.Text;

namespace CloudPortal.Search;

/// <summary>
/// The search tokenizer. <c>themes/default/static/js/search-tokenizer.js</c> implements exactly the same
/// rules for queries in the browser, and <c>tests/search-vectors.json</c> holds the token lists both must
/// produce; change the two together (docs/SEARCH.md describes the rules).
/// </summary>
internal static class SearchTokenizer
{
    // Code point ranges treated as CJK (Han, kana, Hangul), inclusive. Explicit ranges rather than a script
    // property because .NET has no script property, and the JS must classify identically. Only letters and
    // numbers inside these ranges count, so CJK punctuation (、。・「」) still splits runs.
    private static readonly (int First, int Last)[] CjkRanges =
    [
        (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3005, 0x3007), (0x3021, 0x3029), (0x3031, 0x3035),
        (0x3038, 0x303C), (0x3041, 0x30FF), (0x3130, 0x318F), (0x31F0, 0x31FF), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFF66, 0xFFDC),
        (0x1B000, 0x1B16F), (0x20000, 0x2FA1F), (0x30000, 0x323AF),
    ];

    // Words the plural rule would turn into a different, common word ("news" is not "new").
    private static readonly HashSet<string> KeepFinalS = new(StringComparer.Ordinal) { "news" };

    /// <summary>
    /// The index tokens of a text in order, repeats included (so counting them gives term frequencies):
    /// each word followed by its stem when the stem differs; for a CJK run every overlapping bigram, or the
    /// character itself when the run is one character long.
    /// </summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var (run, cjk) in Runs(Normalize(text)))
        {
            if (cjk)
            {
                AddBigrams(run, tokens);
            }
            else
            {
                tokens.Add(run);
                var stem = Stem(run);
                if (!string.Equals(stem, run, StringComparison.Ordinal))
                {
                    tokens.Add(stem);
                }
            }
        }

        return tokens;
    }

    /// <summary>
    /// The tokens a document must all contain to match a query, distinct, in order of first appearance.
    /// Words contribute only their stem: the index holds the stem of every word, so "regions" finds a page
    /// that only says "region" (requiring the word too would not).
    /// </summary>
    public static List<string> QueryTokens(string text) => QueryTerms(text).Select(t => t.Token).ToList();

    /// <summary>
    /// The query's tokens, each with the word as typed when that differs from its stem (null otherwise):
    /// pages using that exact form rank higher. The same as <c>queryTerms</c> in search-tokenizer.js.
    /// </summary>
    public static List<(string Token, string? Exact)> QueryTerms(string text)
    {
        var terms = new List<(string Token, string? Exact)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (run, cjk) in Runs(Normalize(text)))
        {
            var produced = new List<(string Token, string? Exact)>();
            if (cjk)
            {
                var bigrams = new List<string>();
                AddBigrams(run, bigrams);
                produced.AddRange(bigrams.Select(b => (b, (string?)null)));
            }
            else
            {
                var stem = Stem(run);
                produced.Add((stem, string.Equals(stem, run, StringComparison.Ordinal) ? null : run));
            }

            terms.AddRange(produced.Where(t => seen.Add(t.Token)));
        }

        return terms;
    }

    /// <summary>
    /// NFKC, then accents folded (NFD, non-spacing marks dropped except the kana voicing marks, NFC), then
    /// lower case.
    /// </summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            if (char.IsHighSurrogate(c) && i + 1 < decomposed.Length && char.IsLowSurrogate(decomposed[i + 1]))
            {
                var rune = new Rune(c, decomposed[++i]);
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
                {
                    Append(folded, rune);
                }
            }
            else if (c < '\u0300' || CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark || c is '\u3099' or '\u309A')
            {
                // The kana voicing marks are not accents: ド is not ト.
                folded.Append(c);
            }
        }

        // Lower case after folding, one code point at a time with the simple mapping, as the JS does: the
        // invariant culture keeps U+0130 (İ) as it is, so folding first turns it into I + dot, the dot goes
        // and both sides lower-case a plain I. Final sigma becomes sigma, so the position in a word (which
        // JS's toLowerCase looks at) never matters.
        var composed = folded.ToString().Normalize(NormalizationForm.FormC);
        var lower = new StringBuilder(composed.Length);
        for (var i = 0; i < composed.Length; i++)
        {
            var c = composed[i];
            if (char.IsHighSurrogate(c) && i + 1 < composed.Length && char.IsLowSurrogate(composed[i + 1]))
            {
                Append(lower, Rune.ToLowerInvariant(new Rune(c, composed[++i])));
            }
            else
            {
                var l = char.ToLowerInvariant(c);
                lower.Append(l == 'ς' ? 'σ' : l);
            }
        }

        return lower.ToString();
    }

    /// <summary>
    /// A small English suffix stemmer for words of a–z only; anything else is returned as it is. Stems need
    /// not be words ("zone", "zones" → "zon"; "compute", "computing", "computed" → "comput"). Rules:
    /// 1. plural: -sses → -ss; -ies → -y (longer than 4); otherwise a final s goes when the word has at
    ///    least 4 letters and does not end in ss (and is not "news");
    /// 2. -ied → -y (longer than 4); else -ed (not -eed) or -ing goes when at least 3 letters with a vowel
    ///    (a e i o u y) remain, and a doubled final consonant other than l, s, z is then undoubled when at
    ///    least 4 letters remain (running → run, planned → plan, billing → bill);
    /// 3. a final e goes when the word is longer than 3 letters.
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length < 3 || !word.All(c => c is >= 'a' and <= 'z'))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && w.Length >= 4 && !KeepFinalS.Contains(w))
        {
            w = w[..^1];
        }

        if (w.EndsWith("ied", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith("eed", StringComparison.Ordinal) && IsStemBase(w[..^2]))
        {
            w = Undouble(w[..^2]);
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && IsStemBase(w[..^3]))
        {
            w = Undouble(w[..^3]);
        }

        if (w.EndsWith('e') && w.Length > 3)
        {
            w = w[..^1];
        }

        return w;
    }

    private static bool IsStemBase(string rest) => rest.Length >= 3 && rest.Any(c => "aeiouy".Contains(c, StringComparison.Ordinal));

    private static string Undouble(string w) =>
        w.Length >= 4 && w[^1] == w[^2] && !"aeioulsz".Contains(w[^1], StringComparison.Ordinal) ? w[..^1] : w;

    private static void AddBigrams(string run, List<string> tokens)
    {
        // Code points, not chars: ideographs outside the BMP are two chars.
        var starts = new List<int>(run.Length + 1);
        for (var i = 0; i < run.Length; i += char.IsSurrogatePair(run, i) ? 2 : 1)
        {
            starts.Add(i);
        }

        starts.Add(run.Length);
        if (starts.Count == 2)
        {
            tokens.Add(run);
            return;
        }

        for (var k = 0; k + 2 < starts.Count; k++)
        {
            tokens.Add(run.Substring(starts[k], starts[k + 2] - starts[k]));
        }
    }

    // Appends without allocating a string per code point: the tokenizer sees every character of the site.
    private static void Append(StringBuilder builder, Rune rune)
    {
        if (rune.IsBmp)
        {
            builder.Append((char)rune.Value);
            return;
        }

        Span<char> pair = stackalloc char[2];
        rune.EncodeToUtf16(pair);
        builder.Append(pair);
    }

    /// <summary>
    /// Splits normalized text into runs of CJK characters and runs of other letters, marks and digits. An
    /// apostrophe (' or ’) between two such characters is dropped, so "huawei's" is one word and "don't"
    /// is "dont".
    /// </summary>
    private static IEnumerable<(string Run, bool Cjk)> Runs(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var current = new StringBuilder();
        var currentCjk = false;
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            var word = IsWordRune(rune);
            if (!word && (rune.Value == '\'' || rune.Value == '\u2019')
                && i > 0 && i + 1 < runes.Length && IsWordRune(runes[i - 1]) && IsWordRune(runes[i + 1]))
            {
                continue;
            }

            var cjk = word && IsCjk(rune.Value);
            if (current.Length > 0 && (!word || cjk != currentCjk))
            {
                yield return (current.ToString(), currentCjk);
                current.Clear();
            }

            if (word)
            {
                Append(current, rune);
                currentCjk = cjk;
            }
        }

        if (current.Length > 0)
        {
            yield return (current.ToString(), currentCjk);
        }
    }

    private static bool IsWordRune(Rune rune) => rune.IsAscii ? char.IsAsciiLetterOrDigit((char)rune.Value) : Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static bool IsCjk(int codePoint)
    {
        foreach (var (first, last) in CjkRanges)
        {
            if (codePoint < first)
            {
                return false;
            }

            if (codePoint <= last)
            {
                return true;
            }
        }

        return false;
    }
}
