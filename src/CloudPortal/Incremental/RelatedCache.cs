namespace CloudPortal.Incremental;

/// <summary>
/// Related articles of the last build per language, with the key of what they were computed from (every
/// article's URL, date, tags and mentions): when an edit leaves all of that as it was, the lists stand.
/// </summary>
internal sealed class RelatedCache
{
    public Dictionary<string, (UInt128 Key, Dictionary<string, List<string>> Related)> Previous { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (UInt128 Key, Dictionary<string, List<string>> Related)> Current { get; } = new(StringComparer.Ordinal);

    public void Write(BinaryWriter writer, Dictionary<string, (UInt128 Key, Dictionary<string, List<string>> Related)> languages)
    {
        writer.Write(languages.Count);
        foreach (var (lang, (key, related)) in languages.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            writer.Write(lang);
            writer.Write(key);
            writer.Write(related.Count);
            foreach (var (url, urls) in related.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                writer.Write(url);
                writer.WriteStrings(urls);
            }
        }
    }

    public void Read(BinaryReader reader)
    {
        var languages = reader.ReadInt32();
        for (var i = 0; i < languages; i++)
        {
            var lang = reader.ReadString();
            var key = reader.ReadUInt128();
            var count = reader.ReadInt32();
            var related = new Dictionary<string, List<string>>(count, StringComparer.Ordinal);
            for (var j = 0; j < count; j++)
            {
                related[reader.ReadString()] = reader.ReadStrings();
            }

            Previous[lang] = (key, related);
        }
    }
}
