using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Kernel.Accounts;

public sealed record CreateApiKeyRequest(string Name, string? Role, DateTimeOffset? ExpiresAt);

/// <summary>API keys: created (shown once), listed (prefix only), revoked. Everyone manages their own; admins all.</summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys").WithTags("Accounts");
        keys.MapGet("", ListAsync).RequireAuthorization(Policies.Viewer);
        keys.MapPost("", CreateAsync).RequireAuthorization(Policies.Viewer);
        keys.MapDelete("/{id:guid}", RevokeAsync).RequireAuthorization(Policies.Viewer);
    }

    private static async Task<IResult> ListAsync(ApiKeyStore store, CurrentUser me, bool? all, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(me.IsAdmin && all == true ? null : me.Id, ct)).Select(k => k.ToView()));

    private static async Task<IResult> CreateAsync(CreateApiKeyRequest request, ApiKeyStore store, UserStore users, CurrentUser me,
        AuditLog audit, HttpContext http)
    {
        var owner = await users.GetAsync(me.Id, http.RequestAborted);
        if (owner is null) return ApiProblem.Create(401, "auth.unauthenticated", "Unauthorized", "Unknown user.");
        var role = request.Role ?? me.Role;
        if (!Roles.IsValid(role)) return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", $"role must be one of {string.Join(", ", Roles.All)}.");
        // A key never outranks whoever creates it (a viewer's key cannot edit; a key cannot mint a stronger key).
        if (Roles.Rank(role) > Roles.Rank(me.Role))
            return ApiProblem.Create(403, "auth.role_too_high", "Forbidden", $"A key's role cannot be above yours ({me.Role}).");
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "name needs 1–100 characters.");
        if (request.ExpiresAt is { } expires && expires <= DateTimeOffset.UtcNow)
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "expiresAt must be in the future.");

        var (key, prefix) = ApiKeyFormat.Generate();
        var record = new ApiKeyRecord
        {
            Id = Guid.CreateVersion7(), UserId = owner.Id, Name = request.Name.Trim(), Prefix = prefix,
            KeyHash = ApiKeyFormat.Hash(key), Role = role, ExpiresAt = request.ExpiresAt, CreatedAt = DateTimeOffset.UtcNow,
        };
        await store.InsertAsync(record, http.RequestAborted);
        await audit.WriteAsync(AuditLog.Kinds.KeyCreated, owner.Id, me.Id, http.Connection.RemoteIpAddress?.ToString(),
            new { keyId = record.Id, prefix, role });
        return TypedResults.Created($"/api/v1/keys/{record.Id}", new { key, apiKey = record.ToView() });
    }

    private static async Task<IResult> RevokeAsync(Guid id, ApiKeyStore store, CurrentUser me, AuditLog audit, AccessCache cache, HttpContext http)
    {
        var key = await store.GetAsync(id, http.RequestAborted);
        // Someone else's key does not exist as far as a non-admin can tell.
        if (key is null || !me.CanSee(key.UserId.ToString())) return ApiProblem.NotFound("api_key.not_found", $"No API key {id}.");
        await store.RevokeAsync(id, http.RequestAborted);
        cache.ForgetKey(key.Prefix);
        await audit.WriteAsync(AuditLog.Kinds.KeyRevoked, key.UserId, me.Id, http.Connection.RemoteIpAddress?.ToString(),
            new { keyId = id, prefix = key.Prefix });
        return TypedResults.NoContent();
    }
}
