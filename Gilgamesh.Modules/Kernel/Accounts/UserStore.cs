using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>Reads and writes <c>platform.users</c>.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, user_name, email, password_hash, role, disabled, must_change_password, created_at, last_sign_in_at";

    public async Task<UserRecord?> FindByNameAsync(string userName, CancellationToken ct = default)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"select {Columns} from platform.users where lower(user_name) = lower(@userName)", new { userName }, cancellationToken: ct));
    }

    public async Task<UserRecord?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"select {Columns} from platform.users where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return (await c.QueryAsync<UserRecord>(new CommandDefinition($"select {Columns} from platform.users order by lower(user_name)", cancellationToken: ct))).ToList();
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from platform.users", cancellationToken: ct));
    }

    /// <summary>
    /// Inserts a user and returns the stored row (with the database's <c>created_at</c>); null when the name is
    /// taken (names are unique without regard to case).
    /// </summary>
    public async Task<UserRecord?> InsertAsync(UserRecord user, CancellationToken ct = default)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition($"""
            insert into platform.users (id, user_name, email, password_hash, role, disabled, must_change_password)
            values (@Id, @UserName, @Email, @PasswordHash, @Role, @Disabled, @MustChangePassword)
            on conflict do nothing
            returning {Columns}
            """, user, cancellationToken: ct));
    }

    public Task SetPasswordAsync(Guid id, string passwordHash, bool mustChange) =>
        ExecuteAsync("update platform.users set password_hash = @passwordHash, must_change_password = @mustChange where id = @id",
            new { id, passwordHash, mustChange });

    public Task SetRoleAsync(Guid id, string role) => ExecuteAsync("update platform.users set role = @role where id = @id", new { id, role });

    public Task SetDisabledAsync(Guid id, bool disabled) =>
        ExecuteAsync("update platform.users set disabled = @disabled where id = @id", new { id, disabled });

    public Task TouchSignInAsync(Guid id) => ExecuteAsync("update platform.users set last_sign_in_at = now() where id = @id", new { id });

    private async Task ExecuteAsync(string sql, object args)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        await c.ExecuteAsync(sql, args);
    }
}
