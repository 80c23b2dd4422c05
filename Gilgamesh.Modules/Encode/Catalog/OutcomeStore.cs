using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// <c>encode.outcomes</c> and <c>encode.known_files</c>: what happened to these bytes under a profile version, and
/// which bytes are the module's own outputs and archives. Both are keyed by fingerprint, so renaming or moving a
/// file changes nothing.
/// </summary>
internal sealed class OutcomeStore(NpgsqlDataSource db)
{
    private const string RecordSql = """
        insert into encode.outcomes (fingerprint, profile_version, outcome, detail) values (@fingerprint, @profileVersion, @outcome, @detail)
        on conflict (fingerprint, profile_version) do update set outcome = excluded.outcome, detail = excluded.detail, recorded_at = now()
        """;

    private const string FindSql = "select outcome, detail from encode.outcomes where fingerprint = @fingerprint and profile_version = @profileVersion";
    private const string ForgetSql = "delete from encode.outcomes where fingerprint = @fingerprint and profile_version = @profileVersion";
    private const string KnowSql = "insert into encode.known_files (fingerprint, kind) values (@fingerprint, @kind) on conflict do nothing";
    private const string KnownSql = "select kind from encode.known_files where fingerprint = @fingerprint";

    public async Task RecordAsync(string fingerprint, string profileVersion, string outcome, string detail, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RecordSql, new { fingerprint, profileVersion, outcome, detail }, cancellationToken: ct));
    }

    public async Task<(string Outcome, string Detail)?> FindAsync(string fingerprint, string profileVersion, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string, string)>(new CommandDefinition(FindSql, new { fingerprint, profileVersion }, cancellationToken: ct));
        return rows.Select(r => ((string, string)?)r).FirstOrDefault();
    }

    public async Task ForgetAsync(string fingerprint, string profileVersion, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ForgetSql, new { fingerprint, profileVersion }, cancellationToken: ct));
    }

    public async Task KnowAsync(string fingerprint, string kind, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(KnowSql, new { fingerprint, kind }, cancellationToken: ct));
    }

    /// <returns><c>output</c>, <c>archive</c>, or null for bytes the module did not write.</returns>
    public async Task<string?> KnownAsAsync(string fingerprint, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(KnownSql, new { fingerprint }, cancellationToken: ct));
    }
}
