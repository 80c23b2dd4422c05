using System.Text.Json;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary><c>POST /api/v1/ingest/process</c>: one result per URL, in order; or, with <c>async</c>, a job that yields the same.</summary>
internal static class ProcessEndpoint
{
    /// <summary>Seconds a client is asked to wait when the fetch queue is full.</summary>
    private const int RetryAfterSeconds = 5;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/process", ProcessAsync).RequireAuthorization(Policies.Editor);

    private static async Task<IResult> ProcessAsync(HttpRequest http, LinkBatchProcessor batch, FetchLimiter limiter, IJobScheduler scheduler,
        CurrentUser me, IOptions<LinksOptions> options, CancellationToken ct)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return ApiProblem.Create(400, ErrorCodes.InvalidJson, "Bad request", $"The body is not JSON: {e.Message}");
        }

        using (body)
        {
            var (urls, processOptions) = ProcessRequestReader.Read(body.RootElement, options.Value.MaxUrlsPerRequest);
            var request = new ProcessRequest(urls, processOptions, me.Id);
            if (processOptions.Async)
            {
                var job = await scheduler.EnqueueAsync(ProcessLinksJob.Kind, request,
                    new JobOptions(me.Id.ToString(), urls.Count == 1 ? $"fetch · {urls[0]}" : $"fetch {urls.Count} URLs"), ct);
                return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);
            }
            if (!limiter.CanAdmit(urls.Count))
            {
                http.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiProblem.Create(429, "request.rate_limited", "Too many requests",
                    $"The URL fetch queue is full; try again in {RetryAfterSeconds} s.");
            }
            return TypedResults.Ok(await batch.ProcessAsync(request, null, ct));
        }
    }
}
