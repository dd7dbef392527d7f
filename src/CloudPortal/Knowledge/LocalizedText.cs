namespace CloudPortal.Knowledge;

/// <summary>
/// Text given per language (<c>{zh: 华为云, en: Huawei Cloud}</c>), or one text for every language.
/// Asking for a language it lacks falls back to the first language it has, and says so.
/// </summary>
public sealed class LocalizedText
{
    private readonly KeyValuePair<string, string>[] _byLanguage;

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> byLanguage, string? invariant = null)
    {
        _byLanguage = byLanguage.ToArray();
        Invariant = invariant;
    }

    public static LocalizedText Same(string text) => new([], text);

    /// <summary>Set when the YAML gave one plain string for every language.</summary>
    public string? Invariant { get; }

    public IEnumerable<string> Languages => _byLanguage.Select(p => p.Key);

    public Resolved In(string lang, IReadOnlyList<string> fallbackOrder)
    {
        if (Invariant is not null)
        {
            return new Resolved(Invariant, lang, false);
        }

        foreach (var pair in _byLanguage)
        {
            if (pair.Key == lang)
            {
                return new Resolved(pair.Value, lang, false);
            }
        }

        foreach (var candidate in fallbackOrder)
        {
            foreach (var pair in _byLanguage)
            {
                if (pair.Key == candidate)
                {
                    return new Resolved(pair.Value, candidate, true);
                }
            }
        }

        return _byLanguage.Length > 0 ? new Resolved(_byLanguage[0].Value, _byLanguage[0].Key, true) : new Resolved("", lang, false);
    }

    public override string ToString() => Invariant ?? string.Join(" / ", _byLanguage.Select(p => p.Value));

    /// <summary>The text in one language; <see cref="IsFallback"/> when it is another language's text.</summary>
    public sealed record Resolved(string Text, string Lang, bool IsFallback)
    {
        public override string ToString() => Text;
    }
}
