using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// Lockout with a growing delay, per user name whether or not the name exists (so the lockout itself
/// reveals nothing): after <see cref="AccountsOptions.FreeAttempts"/> failures each further failure locks
/// the name for base × 2^(n − free) seconds, up to the maximum. A success clears the record.
/// </summary>
public sealed class SignInThrottle(NpgsqlDataSource dataSource, AccountsOptions options)
{
    /// <summary>Seconds until the name may try again, or null when it may try now.</summary>
    public async Task<int?> LockedForAsync(string userName)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        var until = await c.ExecuteScalarAsync<DateTime?>(
            "select locked_until from platform.sign_in_attempts where user_name = lower(@userName) and locked_until > now()", new { userName });
        return until is { } t ? (int)Math.Ceiling((t - DateTime.UtcNow).TotalSeconds) : null;
    }

    public async Task RecordFailureAsync(string userName)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        await c.ExecuteAsync("""
            insert into platform.sign_in_attempts as a (user_name, failures, last_failure_at) values (lower(@userName), 1, now())
            on conflict (user_name) do update set failures = a.failures + 1, last_failure_at = now(),
                locked_until = case when a.failures + 1 > @free
                    then now() + make_interval(secs => least(@max, @base * power(2, a.failures + 1 - @free - 1)))
                    else a.locked_until end
            """, new { userName, free = options.FreeAttempts, @base = options.LockoutBaseSeconds, max = options.LockoutMaxSeconds });
    }

    public async Task ClearAsync(string userName)
    {
        await using var c = await dataSource.OpenConnectionAsync();
        await c.ExecuteAsync("delete from platform.sign_in_attempts where user_name = lower(@userName)", new { userName });
    }
}
