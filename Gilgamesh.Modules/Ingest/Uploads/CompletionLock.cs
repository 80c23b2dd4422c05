using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// A held completion lock of one upload session (see <see cref="UploadSessionStore.TryLockCompletionAsync"/>). Released
/// explicitly: a pooled connection would otherwise keep the lock until its next reuse.
/// </summary>
internal sealed class CompletionLock(NpgsqlConnection connection, Guid sessionId) : IAsyncDisposable
{
    /// <summary>The advisory lock key of a session, as SQL over a parameter <c>@id</c>.</summary>
    public const string Key = "hashtextextended('ingest.upload:' || @id::text, 0)";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.ExecuteAsync($"select pg_advisory_unlock({Key})", new { id = sessionId });
        }
        catch (NpgsqlException)
        {
            // The connection is broken; closing it below releases the lock on the server anyway.
        }
        await connection.DisposeAsync();
    }
}
