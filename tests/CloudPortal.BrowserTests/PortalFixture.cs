using System.IO.Hashing;
using System.Net;
using System.Text;
using CloudPortal.Build;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CloudPortal.BrowserTests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal in a browser";
}

/// <summary>
/// Builds the real portal (content/ and themes/ of this repository) once into a temporary folder, serves
/// it with Kestrel on 127.0.0.1 at a free port, and launches Debian's headless Chromium through Playwright.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    // Everything here takes well under a second on an idle machine; the margins are for a machine of two
    // cores that also runs the other test project and its builds at the same time.

    /// <summary>Playwright waits this long for an element, a click or an assertion before it fails.</summary>
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Playwright waits this long for a page to load.</summary>
    public static readonly TimeSpan NavigationTimeout = TimeSpan.FromSeconds(15);

    /// <summary>No test runs longer than this, whatever it waits for.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _output = Path.Combine(Path.GetTempPath(), "cloudportal-browser-tests", "portal-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where the screenshots go: <c>$CLOUDPORTAL_SCREENSHOTS</c>, else <c>bin/screenshots/</c> of this project.</summary>
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("CLOUDPORTAL_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(RepositoryRoot, "tests", "CloudPortal.BrowserTests", "bin", "screenshots");

    /// <summary>The served site, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not running");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: tests/run.sh installs Debian's chromium");
        Directory.CreateDirectory(_output);

        // Start the server first on port 0, so the port is free for sure, then build with its address.
        _server = CreateServer(_output);
        await _server.StartAsync();
        var address = _server.Urls.Single();
        BaseUrl = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");

        var result = SiteBuilder.Build(new BuildOptions(RepositoryRoot) { OutputDirectory = _output, BaseUrl = BaseUrl });
        Assert.True(result.Success, "The portal did not build:\n" + string.Join("\n", result.Diagnostics));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout((float)ActionTimeout.TotalMilliseconds);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }

        ForgetBuildState(_output);
    }

    /// <summary>
    /// Opens a fresh browser context (no shared cookies or cache) and runs <paramref name="test"/> on a page
    /// of it, bounded by <see cref="TestTimeout"/>; the context is closed however the test ends.
    /// </summary>
    public async Task BrowseAsync(Func<IPage, Task> test, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new());
        try
        {
            context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
            context.SetDefaultNavigationTimeout((float)NavigationTimeout.TotalMilliseconds);
            var page = await context.NewPageAsync();
            await test(page).WaitAsync(TestTimeout);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The absolute URL of a site path such as <c>/en/search/?q=regions</c>.</summary>
    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    private static WebApplication CreateServer(string root)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var files = new PhysicalFileProvider(root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".svg"] = "image/svg+xml";
        types.Mappings[".json"] = "application/json";
        types.Mappings[".xml"] = "application/xml";
        types.Mappings[".bin"] = "application/octet-stream";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = types });
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(Path.Combine(root, "404.html"));
        });
        return app;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CloudPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CloudPortal.sln not found above the test binaries");
    }

    /// <summary>
    /// The builder keeps the manifest and fingerprint of each output folder in the site's <c>.cloudportal/</c>,
    /// named by a hash of the folder's path; the folder was temporary, so its state goes too (best effort:
    /// if the builder names them differently one day, they are just left behind).
    /// </summary>
    private static void ForgetBuildState(string output)
    {
        var key = Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(Path.GetFullPath(output))));
        var cache = new BuildOptions(RepositoryRoot).CacheDirectory;
        foreach (var name in new[] { $"output-{key}.tsv", $"build-{key}.txt", $"pages-{key}.bin", $"quick-{key}.bin" })
        {
            File.Delete(Path.Combine(cache, name));
        }

        var staging = Path.Combine(cache, "staging-" + key);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
