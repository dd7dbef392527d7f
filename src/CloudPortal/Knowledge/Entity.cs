namespace CloudPortal.Knowledge;

/// <summary>A record of the knowledge base, read from one YAML file whose name is its id.</summary>
public abstract record Entity(string Id, string File)
{
    public abstract EntityKind Kind { get; }

    /// <summary>The name shown for the record, in every language it has.</summary>
    public abstract LocalizedText DisplayName { get; }

    /// <summary>Every id this record names, checked once all records are loaded.</summary>
    public abstract IEnumerable<Reference> References { get; }
}
