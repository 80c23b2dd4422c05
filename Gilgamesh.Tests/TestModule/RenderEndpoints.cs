using Dapper;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gilgamesh.Tests.TestModule;

internal static class RenderEndpoints
{
    private const string SelectRender = """
        select job_id, output_key, sha256, size_bytes, duration_seconds from probe.renders where job_id = @jobId
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/renders", StartAsync).RequireAuthorization(Policies.Editor);
        api.MapGet("/renders/{jobId:guid}", GetAsync).RequireAuthorization(Policies.Viewer);
    }

    private static async Task<IResult> StartAsync(RenderRequest request, IJobScheduler scheduler, CurrentUser me, CancellationToken ct)
    {
        if (request.DurationSeconds is <= 0 or > 120)
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "durationSeconds must be in (0, 120].");
        var job = await scheduler.EnqueueAsync(RenderClipJob.Kind, request,
            new JobOptions(me.Id.ToString(), $"render · {request.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s"), ct);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);
    }

    private static async Task<IResult> GetAsync(Guid jobId, NpgsqlDataSource dataSource, JobStore jobs, CurrentUser me, CancellationToken ct)
    {
        // A render belongs to whoever owns its job.
        if (await jobs.GetAsync(jobId, ct) is not { } job || !me.CanSee(job.OwnerId))
            return ApiProblem.NotFound("probe.render_not_found", $"No render for job {jobId}");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var render = await connection.QuerySingleOrDefaultAsync<RenderRow>(new CommandDefinition(SelectRender, new { jobId }, cancellationToken: ct));
        return render is null ? ApiProblem.NotFound("probe.render_not_found", $"No render for job {jobId}") : TypedResults.Ok(render);
    }
}

internal sealed record RenderRow(Guid JobId, string OutputKey, string Sha256, long SizeBytes, double DurationSeconds);
