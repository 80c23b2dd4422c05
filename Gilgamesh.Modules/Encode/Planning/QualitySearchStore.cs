using System.Text.Json;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Planning;

/// <summary>The result of a quality search for one file under one profile version.</summary>
/// <param name="Probes">Every quality value tried and the SSIM its sample measured.</param>
internal sealed record QualityChoice(int Quality, double Ssim, bool Met, IReadOnlyDictionary<int, double> Probes, bool FromCache = false);

/// <summary><c>encode.quality_searches</c>: a file's chosen quality per profile version, so it is searched once.</summary>
internal sealed class QualitySearchStore(NpgsqlDataSource db)
{
    private const string SelectSql = """
        select quality, ssim, met, probes::text as probes from encode.quality_searches where fingerprint = @fingerprint and profile_version = @version
        """;

    private const string UpsertSql = """
        insert into encode.quality_searches (fingerprint, profile_version, quality, ssim, met, probes)
        values (@fingerprint, @version, @Quality, @Ssim, @Met, @Probes::jsonb)
        on conflict (fingerprint, profile_version) do update
        set quality = excluded.quality, ssim = excluded.ssim, met = excluded.met, probes = excluded.probes, recorded_at = now()
        """;

    public async Task<QualityChoice?> FindAsync(string fingerprint, string version, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(int Quality, double Ssim, bool Met, string Probes)?>(
            new CommandDefinition(SelectSql, new { fingerprint, version }, cancellationToken: ct));
        return row is { } r ? new QualityChoice(r.Quality, r.Ssim, r.Met, JsonSerializer.Deserialize<Dictionary<int, double>>(r.Probes)!, FromCache: true) : null;
    }

    public async Task SaveAsync(string fingerprint, string version, QualityChoice choice, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            fingerprint, version, choice.Quality, choice.Ssim, choice.Met, Probes = JsonSerializer.Serialize(choice.Probes),
        }, cancellationToken: ct));
    }
}
