using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Control;

/// <summary>Global pause (<c>encode.control</c>). A paused queue starts nothing new; a running encode finishes.</summary>
internal sealed class QueueControl(NpgsqlDataSource db)
{
    private const string SelectSql = "select paused from encode.control where id = 1";
    private const string SetSql = "update encode.control set paused = @paused where id = 1";

    public async Task<bool> IsPausedAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SelectSql, cancellationToken: ct));
    }

    public async Task SetPausedAsync(bool paused, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetSql, new { paused }, cancellationToken: ct));
    }
}
