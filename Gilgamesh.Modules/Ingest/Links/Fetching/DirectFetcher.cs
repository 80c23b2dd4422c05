using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Gilgamesh.Modules.Ingest.Links.Processing;
using Gilgamesh.Modules.Ingest.Links.Ssrf;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Fetching;

/// <summary>
/// Downloads one http(s) URL into a folder: redirects followed by hand (each hop checked by the SSRF guard and
/// counted), Content-Type and Content-Length judged from the headers before any body is read (one GET with
/// ResponseHeadersRead rather than HEAD + GET: many media hosts answer HEAD wrongly, and it halves the requests),
/// the size limit enforced again while streaming because servers lie and chunked bodies have no length.
/// Failures are <see cref="LinkFailure"/>s; the caller owns the timeout.
/// </summary>
internal sealed class DirectFetcher(IHttpClientFactory clients, GuardedConnector guard, IOptions<LinksOptions> options)
{
    public const string ClientName = "ingest-links";

    private readonly LinksOptions _options = options.Value;

    public async Task<FetchResult> FetchAsync(Uri uri, string folder, FetchPurpose purpose, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        var current = uri;
        for (var hop = 0; ; hop++)
        {
            await PreCheckAsync(current, ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await SendAsync(client, request, ct);
            if (IsRedirect(response.StatusCode))
            {
                if (hop >= _options.MaxRedirects)
                    throw new LinkFailure(IngestErrorCodes.FetchFailed, $"More than {_options.MaxRedirects} redirects.", retryable: false);
                current = NextHop(current, response.Headers.Location);
                continue;
            }
            ThrowForStatus(response.StatusCode);
            var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
            if (purpose == FetchPurpose.Media && ContentTypePolicy.IsPage(mediaType))
                return new FetchResult(current, null, mediaType, null, 0);
            if (!ContentTypePolicy.Accepts(purpose, mediaType))
                throw LinkFailure.Unsupported($"The URL serves {mediaType}, not audio, video or an image.");
            var limit = purpose == FetchPurpose.Captions ? Math.Min(_options.MaxDownloadBytes, 20L * 1024 * 1024) : _options.MaxDownloadBytes;
            if (response.Content.Headers.ContentLength is { } declared && declared > limit)
                throw LinkFailure.TooLarge($"The URL serves {declared} bytes; the limit is {limit}.");

            var path = System.IO.Path.Combine(folder, $"download-{Guid.NewGuid():N}");
            var length = await CopyBodyAsync(response, path, limit, ct);
            return new FetchResult(current, path, mediaType, FileNameOf(response.Content.Headers.ContentDisposition, current), length);
        }
    }

    private async Task PreCheckAsync(Uri uri, CancellationToken ct)
    {
        if (uri.Scheme is not ("http" or "https")) throw LinkFailure.Invalid($"A redirect led to a {uri.Scheme} URL.");
        try
        {
            // The connect callback checks again at connect time; this is for a clear error before anything is sent.
            await guard.ResolveAsync(uri.IdnHost, uri.Port, ct);
        }
        catch (SsrfRefusedException e)
        {
            throw LinkFailure.Forbidden(e.Message);
        }
        catch (SocketException e)
        {
            throw LinkFailure.Failed($"Could not resolve {uri.Host}: {e.SocketErrorCode}.", e);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e) when (Find<SsrfRefusedException>(e) is { } refused)
        {
            throw LinkFailure.Forbidden(refused.Message);
        }
        catch (HttpRequestException e)
        {
            throw LinkFailure.Failed($"Could not fetch the URL: {e.Message}", e);
        }
    }

    private static async Task<long> CopyBodyAsync(HttpResponseMessage response, string path, long limit, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > limit) throw LinkFailure.TooLarge($"The body grew past the limit of {limit} bytes.");
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (response.Content.Headers.ContentLength is { } declared && declared != total)
                throw LinkFailure.Failed($"The connection ended after {total} of {declared} bytes.");
            return total;
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            throw LinkFailure.Failed($"The connection dropped while downloading: {e.Message}", e);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static Uri NextHop(Uri current, Uri? location) =>
        location is null ? throw LinkFailure.Failed("A redirect without a Location header.")
        : location.IsAbsoluteUri ? location : new Uri(current, location);

    /// <summary>
    /// 401/403 are <c>content.unavailable</c>: the remote refuses us (login, geo-block), which retrying will not change.
    /// <c>link.forbidden</c> is kept for Gilgamesh's own policy (the SSRF guard), so a client can tell the two apart.
    /// </summary>
    private static void ThrowForStatus(HttpStatusCode status)
    {
        var code = (int)status;
        if (code is >= 200 and < 300) return;
        throw code switch
        {
            404 or 410 => LinkFailure.Unavailable($"The server answered {code}: the content does not exist (any more)."),
            401 or 403 or 451 => LinkFailure.Unavailable($"The server answered {code}: the content is not public."),
            408 or 425 or 429 or >= 500 => LinkFailure.Failed($"The server answered {code}; try again later."),
            _ => LinkFailure.Unavailable($"The server answered {code}."),
        };
    }

    private static string FileNameOf(ContentDispositionHeaderValue? disposition, Uri uri)
    {
        var name = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"');
        if (!string.IsNullOrWhiteSpace(name)) return name;
        var last = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? "").Trim('/');
        return last.Length > 0 ? last : uri.Host;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
