using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Kernel.SelfTest;

public static class SelfTestEndpoint
{
    public static void MapSelfTest(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/jobs/selftest", StartAsync).WithTags("Jobs").WithName("StartSelfTest").RequireAuthorization(Accounts.Policies.Editor);

    private static async Task<IResult> StartAsync(SelfTestInput? input, IJobScheduler scheduler, Accounts.CurrentUser me, CancellationToken ct)
    {
        input ??= new SelfTestInput();
        if (input.DurationSeconds is < 1 or > 60 || double.IsNaN(input.DurationSeconds))
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "durationSeconds must be between 1 and 60.");
        var job = await scheduler.EnqueueAsync(SelfTestJobHandler.Kind, input,
            new JobOptions(me.Id.ToString(), $"self-test · {input.DurationSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s clip"), ct);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);
    }
}
