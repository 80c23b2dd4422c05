using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Storage;

public static class StorageEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// Maps <c>GET /files/{**key}?exp=&amp;sig=</c>: serves objects behind local signed URLs, with HTTP
    /// Range support. Failures are RFC 7807 problems carrying a <c>code</c> extension.
    /// </summary>
    public static IEndpointConventionBuilder MapSignedFiles(this IEndpointRouteBuilder app) =>
        // HEAD too: players and download managers probe size and range support before fetching.
        app.MapMethods(SignedUrlSigner.PathPrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync)
            .WithName("GetSignedFile")
            .ExcludeFromDescription();

    private static async Task<IResult> ServeAsync(string key, string? exp, string? sig, HttpContext http)
    {
        var signer = http.RequestServices.GetRequiredService<SignedUrlSigner>();
        var store = http.RequestServices.GetRequiredService<IObjectStore>();
        try
        {
            StorageKey.Validate(key);
            signer.Verify(key, exp, sig);
            var info = await store.StatAsync(key, http.RequestAborted)
                ?? throw new GilgameshException(ErrorCodes.StorageNotFound, $"Object '{key}' does not exist.", 404);
            var contentType = ContentTypes.TryGetContentType(key, out var guessed) ? guessed : info.ContentType ?? "application/octet-stream";

            // Local files go through PhysicalFile: sendfile, and Kestrel handles Range/If-Range itself.
            if (store is LocalObjectStore local)
                return TypedResults.PhysicalFile(local.ResolvePath(key), contentType, lastModified: info.LastModified, enableRangeProcessing: true);

            // Other backends: answer a single Range ourselves by asking the store for that slice.
            return await StreamFromStoreAsync(http, store, key, info, contentType);
        }
        catch (GilgameshException e)
        {
            return Problem(e);
        }
    }

    private static async Task<IResult> StreamFromStoreAsync(HttpContext http, IObjectStore store, string key, ObjectInfo info, string contentType)
    {
        var ranges = http.Request.GetTypedHeaders().Range;
        if (ranges is null || ranges.Unit != "bytes" || ranges.Ranges.Count != 1)
            return TypedResults.Stream(await store.OpenReadAsync(key, null, http.RequestAborted), contentType, lastModified: info.LastModified);

        var requested = ranges.Ranges.First();
        var range = requested.From is { } from ? ByteRange.From(from, requested.To) : ByteRange.Last(requested.To ?? 0);
        var (offset, length) = range.Resolve(info.Size);
        http.Response.StatusCode = StatusCodes.Status206PartialContent;
        http.Response.Headers.ContentRange = $"bytes {offset}-{offset + length - 1}/{info.Size}";
        http.Response.ContentLength = length;
        return TypedResults.Stream(await store.OpenReadAsync(key, range, http.RequestAborted), contentType, lastModified: info.LastModified);
    }

    private static ProblemHttpResult Problem(GilgameshException e) =>
        TypedResults.Problem(
            statusCode: e.StatusCode,
            title: e.Message,
            extensions: new Dictionary<string, object?> { ["code"] = e.Code });
}
