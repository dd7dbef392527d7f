namespace CloudPortal.Build;

/// <summary>What to build: the site root (holding cloudportal.yaml, content/ and themes/) and where the site goes.</summary>
public sealed record BuildOptions(string SourceRoot)
{
    /// <summary>The output folder; default <c>public/</c> under the site root.</summary>
    public string? OutputDirectory { get; init; }

    public bool IncludeDrafts { get; init; }

    /// <summary>False for <c>cloudportal check</c>: every validation runs, nothing is written.</summary>
    public bool WriteOutput { get; init; } = true;

    public string ResolvedOutput => Path.GetFullPath(OutputDirectory ?? Path.Combine(SourceRoot, "public"));

    /// <summary>The builder's own state (output manifest, staging), kept out of the published folder.</summary>
    public string CacheDirectory => Path.Combine(Path.GetFullPath(SourceRoot), ".cloudportal");
}
