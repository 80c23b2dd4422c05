using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Database;

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select count(*) from platform.schema_migrations");
            var applied = (long)(await command.ExecuteScalarAsync(ct))!;
            return HealthCheckResult.Healthy($"{applied} migrations applied");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is not reachable", e);
        }
    }
}
