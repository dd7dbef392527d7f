using System.Net.Sockets;
using System.Text;
using CloudPortal.Server;
using CloudPortal.Tests.Support;

namespace CloudPortal.Tests.Server;

/// <summary>
/// A preview server over a throw-away copy of a fixture site, on a free loopback port, with clients for it.
/// Everything a test waits for is bounded by <see cref="Patience"/>, and disposing stops the server and
/// deletes the site.
/// </summary>
internal sealed class Preview : IAsyncDisposable
{
    /// <summary>Long enough for a rebuild on a busy machine; a test that needs longer has a bug.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly List<PreviewUpdate> _updates;
    private readonly List<PreviewRendered> _rendered;

    private Preview(TestSite site, PreviewServer server, List<PreviewUpdate> updates, List<PreviewRendered> rendered)
    {
        _updates = updates;
        _rendered = rendered;
        Site = site;
        Server = server;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Url, Timeout = Patience };
    }

    public TestSite Site { get; }

    public PreviewServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>The builds so far, as the server reported them.</summary>
    public IReadOnlyList<PreviewUpdate> Updates()
    {
        lock (_updates)
        {
            return [.. _updates];
        }
    }

    /// <summary>Edited pages the server rendered ahead of their builds, as it reported them.</summary>
    public IReadOnlyList<PreviewRendered> Rendered()
    {
        lock (_rendered)
        {
            return [.. _rendered];
        }
    }

    /// <summary>
    /// Waits until the server has reported a page rendered ahead of its build, and returns the first: it
    /// reports one just after telling browsers to reload, so a test that saw the reload may get here first.
    /// </summary>
    public async Task<PreviewRendered> FirstRenderedAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (Rendered().Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no page rendered ahead within {Patience.TotalSeconds} s");
            await Task.Delay(10);
        }

        return Rendered()[0];
    }

    /// <summary>Waits until the server has reported more than <paramref name="count"/> builds, and returns the last.</summary>
    public async Task<PreviewUpdate> BuildAfterAsync(int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (Updates().Count <= count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no build after the {count} reported within {Patience.TotalSeconds} s");
            await Task.Delay(10);
        }

        return Updates()[^1];
    }

    /// <param name="outputInsideSite">
    /// Build into <c>preview/</c> inside the site rather than a temp folder, so that <c>/../cloudportal.yaml</c>
    /// would name a real file if a traversal got through.
    /// </param>
    public static async Task<Preview> StartAsync(Action<TestSite>? prepare = null, bool outputInsideSite = true)
    {
        var site = TestSite.FromFixture("basic");
        try
        {
            prepare?.Invoke(site);
            var updates = new List<PreviewUpdate>();
            var rendered = new List<PreviewRendered>();
            using var timeout = new CancellationTokenSource(Patience * 2);
            var options = new PreviewOptions(site.Root)
            {
                Port = 0,
                OutputDirectory = outputInsideSite ? Path.Combine(site.Root, "preview") : null,
            };
            var server = await PreviewServer.StartAsync(options, update =>
            {
                lock (updates)
                {
                    updates.Add(update);
                }
            }, timeout.Token, page =>
            {
                lock (rendered)
                {
                    rendered.Add(page);
                }
            });
            return new Preview(site, server, updates, rendered);
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    public Task<EventStream> OpenEventsAsync() => EventStream.OpenAsync(Server.Url);

    /// <summary>
    /// The status code of a request sent byte for byte as given: HttpClient and Uri would normalize
    /// <c>/../x</c> and backslashes away before they reach the server.
    /// </summary>
    public async Task<(int Status, string Response)> RawGetAsync(string target)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var client = new TcpClient();
        await client.ConnectAsync(Server.Url.Host, Server.Url.Port, timeout.Token);
        var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {Server.Url.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(timeout.Token);
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Site.Dispose();
    }
}

/// <summary>A client of <c>/__cloudportal/events</c>, reading one Server-Sent Event at a time.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    /// <summary>The version in the hello event the server sends on connecting.</summary>
    public string HelloVersion { get; private set; } = "";

    /// <summary>Connects and reads the hello, so the stream is known to be subscribed when this returns.</summary>
    public static async Task<EventStream> OpenAsync(Uri server)
    {
        // No client timeout: the stream stays open; every read below has its own deadline instead.
        var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        using var timeout = new CancellationTokenSource(Preview.Patience);
        var response = await http.GetAsync(PreviewServer.EventsPath, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token), Encoding.UTF8);
        var events = new EventStream(http, response, reader);
        var hello = await events.NextAsync(Preview.Patience);
        Assert.Equal("hello", hello?.Name);
        events.HelloVersion = hello!.Value.Data;
        return events;
    }

    /// <summary>The next event, or null if the server ended the stream; fails the test if none comes within <paramref name="timeout"/>.</summary>
    public async Task<ServerEvent?> NextAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string? name = null, data = null;
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    return null;
                }

                if (line.Length == 0)
                {
                    if (name is not null)
                    {
                        return new ServerEvent(name, data ?? "");
                    }

                    continue;
                }

                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"no server event within {timeout.TotalSeconds} s");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        await Task.CompletedTask;
    }
}
