using System.Net;

namespace CloudPortal.Server;

/// <summary>What <c>cloudportal serve</c> previews and where it listens.</summary>
public sealed record PreviewOptions(string SourceRoot)
{
    public const int DefaultPort = 1313;

    /// <summary>Loopback unless the user asks otherwise: a preview includes drafts and is meant for one person.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = DefaultPort;

    public bool IncludeDrafts { get; init; }

    /// <summary>
    /// Where the preview is built; null (the default) for a fresh folder under the OS temp folder, deleted
    /// when the server stops. Never the site's public/, which belongs to <c>cloudportal build</c>.
    /// </summary>
    public string? OutputDirectory { get; init; }

    /// <summary>How long after the last change a rebuild starts.</summary>
    public TimeSpan Debounce { get; init; } = RebuildCoordinator.DefaultDebounce;

    public bool IsLoopback => IPAddress.IsLoopback(Address);
}
