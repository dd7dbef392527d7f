using CloudPortal.Diagnostics;

namespace CloudPortal.Configuration;

/// <summary>Reads a site's configuration for tools other than the build (schemas, scaffolding).</summary>
public static class SiteConfigReader
{
    public static SiteConfig? Read(string sourceRoot, DiagnosticBag diagnostics) => ConfigLoader.Load(sourceRoot, diagnostics);
}
