using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CloudPortal.Server;

/// <summary>
/// Serves the built site: GET and HEAD, folder URLs to their index.html, ETags with If-None-Match, the
/// site's 404.html for anything missing, and every HTML response decorated (live-reload script, error
/// overlay) on the way out.
/// </summary>
internal sealed class StaticFileHandler
{
    /// <summary>Shown, decorated, when a path is missing and the site has no 404.html (e.g. the first build failed).</summary>
    private const string BareNotFound = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n"
        + "<body><h1>Not found</h1><p>This page is not in the preview's last good build.</p>\n</body></html>\n";

    private readonly StaticSite _site;
    private readonly Func<PageDecoration> _decoration;
    private readonly Func<string, byte[]?> _fresh;

    /// <param name="fresh">A page newer than its file (rendered ahead of a build), by path relative to the site folder, '/'-separated.</param>
    public StaticFileHandler(StaticSite site, Func<PageDecoration> decoration, Func<string, byte[]?>? fresh = null)
    {
        _site = site;
        _decoration = decoration;
        _fresh = fresh ?? (_ => null);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
        var resolution = RequestPaths.IsSafeRawTarget(raw) ? _site.Resolve(request.Path.Value ?? "/") : Resolution.NotFound;
        if (resolution.Kind == ResolutionKind.File
            && _fresh(Path.GetRelativePath(_site.Root, resolution.FilePath!).Replace('\\', '/')) is { } fresh)
        {
            var decoration = _decoration();
            var tag = Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(fresh));
            await SendHtmlAsync(context, decoration.Apply(fresh), StatusCodes.Status200OK, $"\"{tag}-{decoration.Version}\"");
            return;
        }

        switch (resolution.Kind)
        {
            case ResolutionKind.File when await TrySendFileAsync(context, resolution.FilePath!, StatusCodes.Status200OK):
                return;
            case ResolutionKind.AddSlash:
                // 302, not 301: browsers keep 301s for good, and in a preview the folder may become a file.
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = request.PathBase.Add(request.Path).ToUriComponent() + "/" + request.QueryString.ToUriComponent();
                return;
        }

        // A missing file, or one removed by a rebuild between Resolve and open.
        if (_site.NotFoundPage is { } page && await TrySendFileAsync(context, page, StatusCodes.Status404NotFound))
        {
            return;
        }

        await SendHtmlAsync(context, Encoding.UTF8.GetBytes(BareNotFound), StatusCodes.Status404NotFound, etag: null);
    }

    private async Task<bool> TrySendFileAsync(HttpContext context, string path, int status)
    {
        FileStream stream;
        try
        {
            // Delete and write sharing: a rebuild may replace the file while it is being sent.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return false;
        }

        await using (stream)
        {
            var modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle).Ticks;
            var tag = string.Create(CultureInfo.InvariantCulture, $"{stream.Length:x}-{modified:x}");
            if (ContentTypes.IsHtml(path))
            {
                var html = new byte[stream.Length];
                await stream.ReadExactlyAsync(html, context.RequestAborted);
                var decoration = _decoration();
                await SendHtmlAsync(context, decoration.Apply(html), status, $"\"{tag}-{decoration.Version}\"");
                return true;
            }

            var response = context.Response;
            if (Prepare(context, status, ContentTypes.For(path), $"\"{tag}\"", stream.Length))
            {
                await stream.CopyToAsync(response.Body, context.RequestAborted);
            }

            return true;
        }
    }

    private static async Task SendHtmlAsync(HttpContext context, byte[] body, int status, string? etag)
    {
        if (Prepare(context, status, ContentTypes.For(".html"), etag, body.Length))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Sets status and headers; false when no body is to follow (HEAD, or 304 Not Modified).</summary>
    private static bool Prepare(HttpContext context, int status, string contentType, string? etag, long length)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (etag is not null)
        {
            response.Headers.ETag = etag;
            if (status == StatusCodes.Status200OK && Matches(context.Request.Headers.IfNoneMatch, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return false;
            }
        }

        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = length;
        return !HttpMethods.IsHead(context.Request.Method);
    }

    /// <summary>If-None-Match uses weak comparison (RFC 9110 §13.1.2): W/ is ignored, * matches anything.</summary>
    internal static bool Matches(IEnumerable<string?> ifNoneMatch, string etag)
    {
        foreach (var header in ifNoneMatch)
        {
            if (header is null)
            {
                continue;
            }

            if (!EntityTagHeaderValue.TryParseList([header], out var tags))
            {
                continue;
            }

            var ours = new EntityTagHeaderValue(etag);
            if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false)))
            {
                return true;
            }
        }

        return false;
    }
}
