using CloudPortal.Diagnostics;

namespace CloudPortal.Knowledge;

/// <summary>A mention of another record by kind and id, kept with where it was written so a wrong id can be reported there.</summary>
public sealed record Reference(string Kind, string Id, SourceLocation Location);
