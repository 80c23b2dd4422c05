using System.Text.Json.Serialization;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Cache;

/// <summary>
/// The link cache endpoints. Stats: admins see every owner's entries, others their own (hits likewise; misses are this
/// instance's since start). Clearing everything is admin-only; one entry may be dropped by its owner or an admin.
/// </summary>
internal static class CacheEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/cache/stats", StatsAsync).RequireAuthorization(Policies.Viewer);
        api.MapDelete("/cache", ClearAsync).RequireAuthorization(Policies.Admin);
        api.MapDelete("/cache/{key}", DeleteAsync).RequireAuthorization(Policies.Editor);
    }

    private static async Task<IResult> StatsAsync(LinkCacheStore cache, CurrentUser me, IOptions<LinksOptions> options, CancellationToken ct)
    {
        var stats = await cache.StatsAsync(me.IsAdmin ? null : me.Id, options.Value.CacheTtlSeconds, ct);
        return TypedResults.Ok(new CacheStatsResponse(stats.Entries, stats.Expired, stats.Hits, stats.Misses, stats.Oldest, stats.Newest, stats.TtlSeconds));
    }

    private static async Task<IResult> ClearAsync(LinkCacheStore cache, CancellationToken ct) =>
        TypedResults.Ok(new CacheClearResponse(await cache.ClearAsync(ct)));

    private static async Task<IResult> DeleteAsync(string key, LinkCacheStore cache, CurrentUser me, CancellationToken ct) =>
        await cache.DeleteAsync(key.ToLowerInvariant(), me.IsAdmin ? null : me.Id, ct)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound(ErrorCodes.NotFound, $"No cache entry {key} of yours.");
}

internal sealed record CacheStatsResponse(
    [property: JsonPropertyName("entries")] long Entries,
    [property: JsonPropertyName("expired")] long Expired,
    [property: JsonPropertyName("hits")] long Hits,
    [property: JsonPropertyName("misses")] long Misses,
    [property: JsonPropertyName("oldest")] DateTimeOffset? Oldest,
    [property: JsonPropertyName("newest")] DateTimeOffset? Newest,
    [property: JsonPropertyName("ttl_seconds")] double TtlSeconds);

internal sealed record CacheClearResponse([property: JsonPropertyName("removed")] int Removed);
