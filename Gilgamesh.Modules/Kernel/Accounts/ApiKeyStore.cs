using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Accounts;

public sealed record ApiKeyRecord
{
    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string Name { get; init; } = "";
    public string Prefix { get; init; } = "";
    public string KeyHash { get; init; } = "";
    public string Role { get; init; } = Roles.Viewer;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    public ApiKeyView ToView() => new(Id, UserId, Name, $"{ApiKeyFormat.Marker}{Prefix}_…", Role, CreatedAt, ExpiresAt, RevokedAt, LastUsedAt);
}

/// <summary>What lists show of a key: never the key, only its visible prefix.</summary>
public sealed record ApiKeyView(Guid Id, Guid UserId, string Name, string Prefix, string Role, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>Reads and writes <c>platform.api_keys</c>.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_id, name, prefix, key_hash, role, created_at, expires_at, revoked_at, last_used_at";

    public async Task InsertAsync(ApiKeyRecord key, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            insert into platform.api_keys (id, user_id, name, prefix, key_hash, role, expires_at)
            values (@Id, @UserId, @Name, @Prefix, @KeyHash, @Role, @ExpiresAt)
            """, key, cancellationToken: ct));
    }

    public async Task<ApiKeyRecord?> FindByPrefixAsync(string prefix, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(
            $"select {Columns} from platform.api_keys where prefix = @prefix", new { prefix }, cancellationToken: ct));
    }

    public async Task<ApiKeyRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(
            $"select {Columns} from platform.api_keys where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(Guid? userId, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ApiKeyRecord>(new CommandDefinition(
            $"select {Columns} from platform.api_keys where @userId::uuid is null or user_id = @userId order by created_at desc",
            new { userId }, cancellationToken: ct))).ToList();
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "update platform.api_keys set revoked_at = now() where id = @id and revoked_at is null", new { id }, cancellationToken: ct)) == 1;
    }

    public async Task TouchAsync(Guid id)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        // Last-use is informational: at most one write a minute per key.
        await c.ExecuteAsync("update platform.api_keys set last_used_at = now() where id = @id and (last_used_at is null or last_used_at < now() - interval '1 minute')", new { id });
    }
}
