using System.Text.Json;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Accounts;

public sealed record AuditEvent
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Kind { get; init; } = "";
    public Guid? UserId { get; init; }
    public Guid? ActorId { get; init; }
    public string? Ip { get; init; }
    public JsonElement Detail { get; init; }
}

/// <summary>Security events (sign-ins, keys, roles, passwords) in <c>platform.audit_events</c>; never secrets.</summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    public static class Kinds
    {
        public const string SignInSucceeded = "sign_in.succeeded";
        public const string SignInFailed = "sign_in.failed";
        public const string SignInLockedOut = "sign_in.locked_out";
        public const string SignedOut = "sign_out";
        public const string PasswordChanged = "password.changed";
        public const string PasswordReset = "password.reset";
        public const string UserCreated = "user.created";
        public const string RoleChanged = "user.role_changed";
        public const string UserDisabled = "user.disabled";
        public const string UserEnabled = "user.enabled";
        public const string KeyCreated = "api_key.created";
        public const string KeyRevoked = "api_key.revoked";
    }

    public async Task WriteAsync(string kind, Guid? userId, Guid? actorId, string? ip, object? detail = null)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        await c.ExecuteAsync("insert into platform.audit_events (kind, user_id, actor_id, ip, detail) values (@kind, @userId, @actorId, @ip, @detail::jsonb)",
            new { kind, userId, actorId, ip, detail = JsonSerializer.Serialize(detail ?? new { }) });
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(int limit, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return (await c.QueryAsync<AuditEvent>(new CommandDefinition(
            "select id, at, kind, user_id, actor_id, ip, detail from platform.audit_events order by id desc limit @limit",
            new { limit }, cancellationToken: ct))).ToList();
    }
}
