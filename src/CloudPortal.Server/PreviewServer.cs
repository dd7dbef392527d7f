using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CloudPortal.Build;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudPortal.Server;

/// <summary>
/// <c>cloudportal serve</c>: builds the site into its own folder, serves it with Kestrel, and on every
/// saved change rebuilds and tells open browsers to reload (or, for CSS, to swap stylesheets). A failed
/// build leaves the last good output in place, and every page shows the errors over it until they are fixed.
/// </summary>
public sealed class PreviewServer : IAsyncDisposable
{
    public const string Prefix = "/__cloudportal/";
    public const string ScriptPath = Prefix + "live.js";
    public const string EventsPath = Prefix + "events";

    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = typeof(PreviewServer).Assembly.GetManifestResourceStream("CloudPortal.Server.live.js")
            ?? throw new InvalidOperationException("live.js is not embedded in CloudPortal.Server");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    private readonly PreviewOptions _options;
    private readonly string _root;
    private readonly Action<PreviewUpdate>? _onUpdate;
    private readonly Action<PreviewRendered>? _onRendered;

    /// <summary>Distinguishes this session's versions from an earlier server's on the same port, for pages left open across a restart.</summary>
    private readonly string _session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _versionNumber;
    private volatile PageDecoration _decoration;
    private WebApplication? _app;
    private StaticFileHandler? _files;
    private RebuildCoordinator? _coordinator;
    private SiteWatcher? _watcher;
    private bool _ownsOutput;
    private int _disposed;

    /// <summary>What the last good build keeps to render an edited page at once; null after a failed build.</summary>
    private volatile PreviewRenderer? _preview;

    /// <summary>Taken to change what pages are decorated with and tell browsers: by a build, or by a page rendered ahead of one.</summary>
    private readonly Lock _announce = new();

    /// <summary>
    /// Pages rendered ahead of the full build, by output path, with the number of the change they show:
    /// served instead of the file on disk until a build that has seen that change has written the page.
    /// </summary>
    private readonly ConcurrentDictionary<string, (byte[] Html, long Change)> _fresh = new(StringComparer.Ordinal);

    private PreviewServer(PreviewOptions options, Action<PreviewUpdate>? onUpdate, Action<PreviewRendered>? onRendered)
    {
        _options = options;
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.SourceRoot));
        _onUpdate = onUpdate;
        _onRendered = onRendered;
        _decoration = new PageDecoration(NextVersion(), overlayHtml: null);
    }

    /// <summary>The preview's address, e.g. http://127.0.0.1:1313/; also the base URL the site is built with, so every link works at the root.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The folder the preview is built into and served from.</summary>
    public string OutputDirectory { get; private set; } = null!;

    public ReloadHub Hub { get; } = new();

    /// <summary>The result of the build made before the server returned from <see cref="StartAsync"/>.</summary>
    public BuildOutcome FirstBuild { get; private set; } = null!;

    /// <summary>The version of what is served now: changes with each build that changes the output or the errors.</summary>
    public string Version => _decoration.Version;

    /// <summary>
    /// Listens, builds once, starts watching, and returns when the first build is done (successful or not:
    /// a failed first build is served as the error overlay until it is fixed).
    /// </summary>
    /// <param name="onUpdate">Called after every build, the first included, on the build task.</param>
    /// <param name="onRendered">Called when an edited page was rendered ahead of its build and browsers were told to reload to it, on the watcher's thread.</param>
    /// <exception cref="IOException">The address or port is in use or cannot be bound.</exception>
    public static async Task<PreviewServer> StartAsync(PreviewOptions options, Action<PreviewUpdate>? onUpdate = null, CancellationToken cancellation = default,
        Action<PreviewRendered>? onRendered = null)
    {
        if (!Directory.Exists(options.SourceRoot))
        {
            throw new DirectoryNotFoundException($"the source folder {options.SourceRoot} does not exist");
        }

        var server = new PreviewServer(options, onUpdate, onRendered);
        try
        {
            await server.StartCoreAsync(cancellation);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellation)
    {
        // Listen first: with --port 0 the port is known only now, and the base URL needs it.
        _app = CreateApp();
        await _app.StartAsync(cancellation);
        var bound = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        Url = new Uri($"http://{UrlHost(_options.Address)}:{bound.Port}/");

        OutputDirectory = PrepareOutput(bound.Port);
        _files = new StaticFileHandler(new StaticSite(OutputDirectory), () => _decoration,
            path => _fresh.TryGetValue(path, out var fresh) ? fresh.Html : null);
        var build = new BuildOptions(_root)
        {
            OutputDirectory = OutputDirectory,
            IncludeDrafts = _options.IncludeDrafts,
            BaseUrl = Url,
            KeepForPreview = true,
        };
        _coordinator = new RebuildCoordinator(() => SiteBuilder.Build(build with { Now = DateTimeOffset.UtcNow }), _options.Debounce);
        _coordinator.Completed += OnBuilt;

        // Watch before the first build, so a save made while it runs is built right after it.
        _watcher = new SiteWatcher(_root, OnChanged);
        _coordinator.Start();
        FirstBuild = await _coordinator.FirstBuild.WaitAsync(cancellation);
        _ready.TrySetResult();
    }

    private WebApplication CreateApp()
    {
        // The empty builder: no appsettings, environment variables or logging providers; this is a tool, not an app.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = _root });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.Address, _options.Port);
        });

        // Ctrl+C belongs to the command, which stops the watcher and deletes the output folder in order.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        var app = builder.Build();
        app.Run(HandleAsync);
        return app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var isGet = HttpMethods.IsGet(context.Request.Method);
        if (path == EventsPath && isGet)
        {
            await Hub.StreamAsync(context, () => _decoration.Version);
            return;
        }

        if (path == ScriptPath && (isGet || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.ContentType = "text/javascript; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentLength = Script.Value.Length;
            if (isGet)
            {
                await context.Response.Body.WriteAsync(Script.Value, context.RequestAborted);
            }

            return;
        }

        try
        {
            await _ready.Task.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client left, or the server is stopping before its first build finished.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await _files!.HandleAsync(context);
    }

    /// <summary>
    /// A file changed: the coordinator builds it (after the debounce); and an edited Markdown page of the
    /// last good build is rendered at once and browsers reload to it, before the full build is done.
    /// </summary>
    private void OnChanged(string? relativePath)
    {
        var saved = Stopwatch.GetTimestamp();
        var change = _coordinator!.Notify(relativePath);
        if (relativePath is null || _preview is not { } preview || !relativePath.EndsWith(".md", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            if (preview.RenderEdited(relativePath) is not { } page)
            {
                return;
            }

            // A save is often several file-system events; and a save may change nothing shown. Either way
            // the browser already has this page.
            var shown = _fresh.TryGetValue(page.OutputPath, out var fresh) ? fresh.Html : ReadOutput(page.OutputPath);
            _fresh[page.OutputPath] = (page.Html, change);
            if (shown is not null && shown.AsSpan().SequenceEqual(page.Html))
            {
                return;
            }

            lock (_announce)
            {
                _decoration = new PageDecoration(NextVersion(), _decoration.OverlayHtml);
                Hub.Publish(new ServerEvent("reload", _decoration.Version));
            }

            _onRendered?.Invoke(new PreviewRendered(relativePath, page.OutputPath, Stopwatch.GetElapsedTime(saved)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Only a head start: the full build that follows reports whatever went wrong.
        }
    }

    /// <summary>Runs on the build task after each build: what pages get from now on, and what open browsers are told.</summary>
    private void OnBuilt(BuildOutcome outcome)
    {
        _preview = outcome.Success ? outcome.Result.Preview : null;
        var caughtUp = CatchUp(outcome);
        var overlay = outcome.Success ? null : ErrorOverlay.Render(outcome.Errors, _root);
        var eventName = Announce(outcome, overlay, caughtUp);
        _onUpdate?.Invoke(new PreviewUpdate(outcome, eventName, Stopwatch.GetElapsedTime(outcome.FirstChange)));
    }

    /// <summary>What open browsers are told after a build (reload, css, or nothing), and the decoration pages get from now on.</summary>
    private string? Announce(BuildOutcome outcome, string? overlay, HashSet<string> caughtUp)
    {
        lock (_announce)
        {
            var previous = _decoration;
            string? eventName;
            if (outcome.Number == 1)
            {
                eventName = null;
            }
            else if (overlay != previous.OverlayHtml)
            {
                // Errors appeared, changed or were fixed: a full reload shows or removes the overlay.
                eventName = "reload";
            }
            else if (!outcome.Success || outcome.Result.FilesWritten + outcome.Result.FilesRemoved == 0
                || outcome.Result.ChangedFiles.All(f => caughtUp.Contains(f) || !Shown(f)))
            {
                // The same errors again; a save that changed no output file; or one that changed only pages
                // browsers were already shown as they now are, and files no page displays (feeds, sitemap,
                // search index): nothing new to show.
                eventName = null;
            }
            else
            {
                eventName = outcome.CssOnly ? "css" : "reload";
            }

            if (outcome.Number == 1 || eventName is not null)
            {
                _decoration = new PageDecoration(NextVersion(), overlay);
            }

            if (eventName is not null)
            {
                Hub.Publish(new ServerEvent(eventName, _decoration.Version));
            }

            return eventName;
        }
    }

    /// <summary>Whether a page in a browser can show the file: not feeds, sitemaps, the search index or robots.txt, which are fetched only when used.</summary>
    private static bool Shown(string outputPath) =>
        !(outputPath.EndsWith(".xml", StringComparison.Ordinal) || outputPath.EndsWith(".json", StringComparison.Ordinal)
          || outputPath.EndsWith(".txt", StringComparison.Ordinal) || outputPath.StartsWith("search/", StringComparison.Ordinal)
          || outputPath == "_redirects");

    /// <summary>
    /// Drops the pages rendered ahead of this build for changes it has seen, since the build has written
    /// them; returns those it wrote exactly as they were shown.
    /// </summary>
    private HashSet<string> CatchUp(BuildOutcome outcome)
    {
        var same = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, (html, change)) in _fresh)
        {
            if (change > outcome.Through)
            {
                continue;
            }

            if (ReadOutput(path) is { } written && written.AsSpan().SequenceEqual(html))
            {
                same.Add(path);
            }

            _fresh.TryRemove(new KeyValuePair<string, (byte[], long)>(path, (html, change)));
        }

        return same;
    }

    private byte[]? ReadOutput(string relativePath)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(OutputDirectory, relativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not written (yet), or gone
        }
    }

    private string NextVersion() => $"{_session}.{Interlocked.Increment(ref _versionNumber)}";

    /// <summary>
    /// The output folder: the one asked for, or a folder under the OS temp folder named by the site and the
    /// port, so that restarting a preview reuses the engine's output manifest for it instead of adding one.
    /// A temp folder is emptied first: a server that was killed may have left a stale build in it.
    /// </summary>
    private string PrepareOutput(int port)
    {
        if (_options.OutputDirectory is { } chosen)
        {
            Directory.CreateDirectory(chosen);
            return Path.GetFullPath(chosen);
        }

        var site = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_root)))[..12];
        var folder = Path.Combine(Path.GetTempPath(), "cloudportal-serve", $"{site}-{port}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        _ownsOutput = true;
        return folder;
    }

    private static string UrlHost(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            // Bound to every interface: localhost works on this machine; the command prints the warning.
            return "localhost";
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    /// <summary>Stops watching, lets a running build finish, ends the event streams, stops Kestrel and deletes a temp output folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _watcher?.Dispose();
        if (_coordinator is not null)
        {
            await _coordinator.DisposeAsync();
        }

        Hub.Close();
        _ready.TrySetCanceled();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections that would not close in time are dropped; the process is stopping anyway.
            }

            await _app.DisposeAsync();
        }

        if (_ownsOutput)
        {
            try
            {
                Directory.Delete(OutputDirectory, recursive: true);
                // And the build state the site kept for that folder (the next preview uses another port's).
                SiteBuilder.ForgetOutput(new BuildOptions(_root) { OutputDirectory = OutputDirectory });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file held open elsewhere: a leftover temp folder is the OS's to clean, not worth failing the exit over.
            }
        }
    }

    /// <summary>A host lifetime that ignores signals; see <see cref="CreateApp"/>.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
