using System.Text.Json;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Pipeline;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Highlights.CreateHighlightJob;

/// <summary>
/// <c>POST /api/v1/highlights</c>: validates the options, checks the media is the caller's and is audio or
/// video, records the request and starts its pipeline (<see cref="HighlightSteps"/>) → 202 <c>{ id, jobId }</c> (the pipeline's job).
/// </summary>
internal static class CreateHighlightEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api.MapPost("", CreateAsync).RequireAuthorization(Policies.Editor);

    private static async Task<IResult> CreateAsync(HighlightRequest? request, IMediaLibrary library, HighlightJobStore jobs, IJobScheduler scheduler,
        CurrentUser me, CancellationToken ct)
    {
        if (request is null) return ApiProblem.Create(400, HighlightsErrorCodes.InvalidOptions, "Bad request", "a JSON body is required.");
        var (options, problems) = HighlightOptions.Validate(request);
        if (options is null) return ApiProblem.Create(400, HighlightsErrorCodes.InvalidOptions, "Bad request", string.Join(" ", problems));

        // Someone else's media answers exactly like missing media: its existence is not the caller's business.
        if (await library.GetAsync(options.MediaId, ct) is not { } media || !me.CanSee(media.OwnerId.ToString()))
            return ApiProblem.NotFound(HighlightsErrorCodes.MediaNotFound, $"No media item {options.MediaId}.");
        if (media.Status != "ready" || media.Kind is not ("video" or "audio"))
            return ApiProblem.Create(422, HighlightsErrorCodes.MediaUnsuitable, "Unprocessable",
                $"media {options.MediaId} is {media.Status} {media.Kind ?? "unknown"}; highlights need a ready video or audio item.");

        var id = Guid.CreateVersion7();
        await jobs.InsertAsync(id, me.Id, options.MediaId, JsonSerializer.Serialize(options, JobJson.Options), ct);
        var job = await scheduler.StartPipelineAsync(HighlightSteps.Plan(id),
            new JobOptions(me.Id.ToString(), "highlights · " + media.DisplayName, $"#/highlights/{id}"), ct);
        await jobs.SetKernelJobAsync(id, job.Id, ct);
        return TypedResults.Accepted($"/api/v1/highlights/{id}", new { id, jobId = job.Id });
    }
}
