namespace CloudPortal.Incremental;

/// <summary>
/// Related articles of the last build per language, with the key of what they were computed from (every
/// article's URL, rank, tags and mentions): when an edit leaves all of that as it was, the lists stand.
/// Each list is kept as positions in that rank order, which the equal key guarantees is the same.
/// </summary>
internal sealed class RelatedCache
{
    public Dictionary<string, (Hash128 Key, int[][] Related)> Previous { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (Hash128 Key, int[][] Related)> Current { get; } = new(StringComparer.Ordinal);

    public static void Write(BinaryWriter writer, Dictionary<string, (Hash128 Key, int[][] Related)> languages)
    {
        writer.Write(languages.Count);
        foreach (var (lang, (key, related)) in languages.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            writer.Write(lang);
            writer.Write(key);
            writer.Write(related.Length);
            foreach (var list in related)
            {
                writer.Write((byte)list.Length);
                foreach (var index in list)
                {
                    writer.Write(index);
                }
            }
        }
    }

    public void Read(BinaryReader reader)
    {
        var languages = reader.ReadInt32();
        for (var i = 0; i < languages; i++)
        {
            var lang = reader.ReadString();
            var key = reader.ReadHash128();
            var related = new int[reader.ReadInt32()][];
            for (var j = 0; j < related.Length; j++)
            {
                related[j] = new int[reader.ReadByte()];
                for (var k = 0; k < related[j].Length; k++)
                {
                    related[j][k] = reader.ReadInt32();
                }
            }

            Previous[lang] = (key, related);
        }
    }
}
