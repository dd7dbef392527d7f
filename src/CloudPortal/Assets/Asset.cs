namespace CloudPortal.Assets;

/// <summary>
/// A theme's static file as published: CSS and JS minified, and given a content-hashed name so hosts can
/// cache them forever; <see cref="Integrity"/> is the SRI hash templates put beside the reference.
/// </summary>
internal sealed record Asset(string LogicalPath, string OutputPath, byte[] Content, string? Integrity);
