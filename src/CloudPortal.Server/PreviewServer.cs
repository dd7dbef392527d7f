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

    private PreviewServer(PreviewOptions options, Action<PreviewUpdate>? onUpdate)
    {
        _options = options;
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.SourceRoot));
        _onUpdate = onUpdate;
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
    /// <exception cref="IOException">The address or port is in use or cannot be bound.</exception>
    public static async Task<PreviewServer> StartAsync(PreviewOptions options, Action<PreviewUpdate>? onUpdate = null, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(options.SourceRoot))
        {
            throw new DirectoryNotFoundException($"the source folder {options.SourceRoot} does not exist");
        }

        var server = new PreviewServer(options, onUpdate);
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
        _files = new StaticFileHandler(new StaticSite(OutputDirectory), () => _decoration);
        var build = new BuildOptions(_root)
        {
            OutputDirectory = OutputDirectory,
            IncludeDrafts = _options.IncludeDrafts,
            BaseUrl = Url,
        };
        _coordinator = new RebuildCoordinator(() => SiteBuilder.Build(build with { Now = DateTimeOffset.UtcNow }), _options.Debounce);
        _coordinator.Completed += OnBuilt;

        // Watch before the first build, so a save made while it runs is built right after it.
        _watcher = new SiteWatcher(_root, _coordinator.Notify);
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

    /// <summary>Runs on the build task after each build: what pages get from now on, and what open browsers are told.</summary>
    private void OnBuilt(BuildOutcome outcome)
    {
        var previous = _decoration;
        var overlay = outcome.Success ? null : ErrorOverlay.Render(outcome.Errors, _root);
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
        else if (!outcome.Success || outcome.Result.FilesWritten + outcome.Result.FilesRemoved == 0)
        {
            // The same errors again, or a save that changed no output file: nothing new to show.
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

        _onUpdate?.Invoke(new PreviewUpdate(outcome, eventName, Stopwatch.GetElapsedTime(outcome.FirstChange)));
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
