using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Pipelines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Tests.TestModule;

/// <summary>
/// Body of POST /api/v1/probe/pipelines: <see cref="Parallel"/> work steps side by side, then one fan-in step
/// ("gather") that depends on all of them. <see cref="Steps"/> overrides each parallel step's input by index
/// (missing ones take <see cref="Work"/>); <see cref="OptionalFailing"/> adds an optional step that always fails.
/// </summary>
internal sealed record ProbePipelineRequest(int Parallel = 5, WorkInput? Work = null, IReadOnlyList<WorkInput>? Steps = null,
    bool OptionalFailing = false, bool MediaQueue = false, string? Title = null);

internal static class PipelineEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/pipelines", StartAsync).RequireAuthorization(Policies.Editor);

    private static async Task<IResult> StartAsync(ProbePipelineRequest request, IJobScheduler scheduler, CurrentUser me, CancellationToken ct)
    {
        var plan = new PipelinePlan(ProbeModule.ModuleName, "pipeline");
        var kind = request.MediaQueue ? ProbeJobs.MediaWork : ProbeJobs.Work;
        var deps = new List<StepRef>();
        for (var i = 0; i < request.Parallel; i++)
            deps.Add(plan.Step(kind, request.Steps?.ElementAtOrDefault(i) ?? request.Work ?? new WorkInput(Value: i + 1), $"work-{i + 1}"));
        if (request.OptionalFailing)
            deps.Add(plan.Step(ProbeJobs.Work, new WorkInput(FailAttempts: int.MaxValue, Permanent: true), "flaky", optional: true));
        plan.Step(ProbeJobs.Gather, new WorkInput(), "gather", dependsOn: deps);
        var job = await scheduler.StartPipelineAsync(plan, new JobOptions(me.Id.ToString(), request.Title ?? $"probe pipeline · {request.Parallel} steps"), ct);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);
    }
}
