using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CloudPortal.Server;

/// <summary>One Server-Sent Event: <c>reload</c>, <c>css</c> or the <c>hello</c> a client gets on connecting; the data is the output version.</summary>
public readonly record struct ServerEvent(string Name, string Data)
{
    public string Format() => $"event: {Name}\ndata: {Data}\n\n";
}

/// <summary>
/// The open browsers, each an SSE stream at <c>/__cloudportal/events</c>. Publishing never waits for a
/// client: each has a small queue, and a client too slow to drain it loses the oldest events, which is
/// harmless since any event makes it reload or re-fetch what is current.
/// </summary>
public sealed class ReloadHub
{
    /// <summary>A comment line this often keeps proxies and idle timeouts from closing a quiet stream.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly List<Channel<ServerEvent>> _clients = [];
    private bool _closed;

    public int ClientCount
    {
        get
        {
            lock (_gate)
            {
                return _clients.Count;
            }
        }
    }

    public void Publish(ServerEvent serverEvent)
    {
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryWrite(serverEvent);
            }
        }
    }

    /// <summary>Ends every stream, so a stopping server is not kept waiting by open browsers.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var client in _clients)
            {
                client.Writer.TryComplete();
            }
        }
    }

    /// <summary>
    /// Streams events to one client until it disconnects or the hub closes. The hello carries the version
    /// the client should be showing, read after subscribing, so a build that finished while the page
    /// loaded is never missed: the page compares it with its own and reloads if they differ.
    /// </summary>
    public async Task StreamAsync(HttpContext context, Func<string> currentVersion)
    {
        var channel = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            if (_closed)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            _clients.Add(channel);
        }

        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var aborted = context.RequestAborted;

            // retry: how soon EventSource reconnects after the server restarts.
            await WriteAsync(response, "retry: 1000\n" + new ServerEvent("hello", currentVersion()).Format(), aborted);
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(Heartbeat);
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(wait.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await WriteAsync(response, ": ping\n\n", aborted);
                    continue;
                }

                var text = new StringBuilder();
                while (channel.Reader.TryRead(out var serverEvent))
                {
                    text.Append(serverEvent.Format());
                }

                await WriteAsync(response, text.ToString(), aborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The browser went away (tab closed, navigated, reloaded): nothing to report.
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(channel);
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellation)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellation);
        await response.Body.FlushAsync(cancellation);
    }
}
