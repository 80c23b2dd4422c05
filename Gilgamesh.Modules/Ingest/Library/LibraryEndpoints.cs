using System.Globalization;
using System.Text;
using Gilgamesh.Modules.Ingest.Previews;
using Gilgamesh.Modules.Ingest.Uploads;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>
/// <c>/api/v1/ingest/items</c>: list (search, kind, status, created range, keyset paging), get, delete. Owners see their
/// own items, admins everyone's; someone else's item is 404, so ids do not leak which items exist.
/// </summary>
internal static class LibraryEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/items", ListAsync).RequireAuthorization(Policies.Viewer).WithName("ListMediaItems");
        api.MapGet("/items/{id:guid}", GetAsync).RequireAuthorization(Policies.Viewer).WithName("GetMediaItem");
        api.MapDelete("/items/{id:guid}", DeleteAsync).RequireAuthorization(Policies.Editor).WithName("DeleteMediaItem");
    }

    private static async Task<IResult> ListAsync(string? q, string? kind, string? status, DateTimeOffset? from, DateTimeOffset? to, int? limit,
        string? cursor, MediaItemStore items, MediaItemResponder responder, CurrentUser me, CancellationToken ct)
    {
        if (kind is not null && kind is not (MediaKinds.Video or MediaKinds.Audio or MediaKinds.Image))
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "kind must be video, audio or image.");
        if (status is not null && status is not (MediaStatuses.Receiving or MediaStatuses.Probing or MediaStatuses.Ready or MediaStatuses.Rejected))
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "status must be receiving, probing, ready or rejected.");
        if (limit is < 1 or > MaxLimit)
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", $"limit must be in [1, {MaxLimit}].");
        if (q is { Length: > 200 })
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "q is at most 200 characters.");
        (DateTimeOffset, Guid)? after = null;
        if (cursor is not null)
        {
            if (DecodeCursor(cursor) is not { } decoded)
                return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "cursor is not one this API gave out.");
            after = decoded;
        }
        var take = limit ?? DefaultLimit;
        var owner = me.IsAdmin ? (Guid?)null : me.Id;
        // One row more than asked tells whether there is a next page.
        var rows = await items.ListAsync(owner, q?.Trim(), kind, status, from, to, after, take + 1, ct);
        var page = rows.Take(take).ToList();
        var responses = new List<MediaItemResponse>(page.Count);
        foreach (var row in page) responses.Add(await responder.ToResponseAsync(row, ct));
        var next = rows.Count > take ? EncodeCursor(page[^1]) : null;
        return TypedResults.Ok(new MediaItemPage(responses, next));
    }

    private static async Task<IResult> GetAsync(Guid id, MediaItemStore items, MediaItemResponder responder, CurrentUser me, CancellationToken ct) =>
        await items.GetAsync(id, ct) is { } item && me.CanSee(item.OwnerId.ToString())
            ? TypedResults.Ok(await responder.ToResponseAsync(item, ct))
            : NotFound(id);

    private static async Task<IResult> DeleteAsync(Guid id, MediaItemStore items, IObjectStore store, UploadSessionStore sessions,
        UploadArea uploads, CurrentUser me, ILoggerFactory loggers, CancellationToken ct)
    {
        if (await items.GetAsync(id, ct) is not { } item || !me.CanSee(item.OwnerId.ToString())) return NotFound(id);
        if (!await items.DeleteAsync(id, ct)) return NotFound(id);
        // An upload session filling in the item goes with it, and its data file at once (not at the 24-h sweep).
        foreach (var session in await sessions.DeleteForMediaAsync(id, CancellationToken.None)) uploads.Delete(session);
        // The row is gone first, so nobody is handed a URL to an object being deleted. Every object under the
        // item's prefix goes: the original, previews, and a contact sheet a job may have added since.
        var prefix = MediaPreviews.ItemPrefix(item.OwnerId, item.Id);
        var keys = new List<string>();
        await foreach (var info in store.ListAsync(prefix, CancellationToken.None)) keys.Add(info.Key);
        if (item.StorageKey is { } original && !keys.Contains(original)) keys.Add(original);
        foreach (var key in keys) await store.DeleteAsync(key, CancellationToken.None);
        loggers.CreateLogger(typeof(LibraryEndpoints)).LogInformation("Media {MediaId} deleted with {Objects} stored objects", id, keys.Count);
        return TypedResults.NoContent();
    }

    private static IResult NotFound(Guid id) => ApiProblem.NotFound(IngestErrorCodes.MediaNotFound, $"No media item {id}.");

    internal static string EncodeCursor(MediaItem last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static (DateTimeOffset, Guid)? DecodeCursor(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                   && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
