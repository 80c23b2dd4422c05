using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Pipelines;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Net.ServerSentEvents;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>The platform's job API: list, get, cancel, retry, and live progress over WebSocket and SSE.</summary>
public static class JobsEndpoints
{
    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        // Everyone sees their own jobs (admins all); someone else's job answers 404, as if it did not exist.
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Jobs");
        jobs.MapGet("", ListAsync).WithName("ListJobs").RequireAuthorization(Policies.Viewer);
        jobs.MapGet("/{id:guid}", GetAsync).WithName("GetJob").RequireAuthorization(Policies.Viewer);
        jobs.MapGet("/{id:guid}/steps", StepsAsync).WithName("GetPipelineSteps").RequireAuthorization(Policies.Viewer);
        jobs.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelJob").RequireAuthorization(Policies.Editor);
        jobs.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryJob").RequireAuthorization(Policies.Editor);
        jobs.MapGet("/{id:guid}/ws", WebSocketAsync).WithName("JobProgressWebSocket").RequireAuthorization(Policies.Viewer);
        jobs.MapGet("/{id:guid}/events", ServerSentEventsAsync).WithName("JobProgressEvents").RequireAuthorization(Policies.Viewer);
        return jobs;
    }

    private static async Task<IResult> ListAsync(JobStore store, CurrentUser me, string? module, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        if (status is not null && !JobStatus.All.Contains(status))
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", $"status must be one of {string.Join(", ", JobStatus.All)}");
        var p = Math.Max(page ?? 1, 1);
        var size = Math.Clamp(pageSize ?? 25, 1, 200);
        return TypedResults.Ok(await store.ListAsync(module, status, me.OwnerFilter, p, size, ct));
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    private static async Task<IResult> GetAsync(Guid id, JobStore store, PipelineStore pipelines, JobDetailCache cache, CurrentUser me, CancellationToken ct)
    {
        if (cache.TryGet(id, out var cached))
            return me.CanSee(cached.OwnerId) ? TypedResults.Bytes(cached.Json, JsonContentType) : JobNotFound(id);

        var version = cache.Version;
        var detail = await store.GetDetailAsync(id, logLimit: 200, ct);
        if (detail is null) return JobNotFound(id);
        // The job's own fields with its log lines beside them, as the dashboard reads it.
        var body = JsonSerializer.SerializeToNode(detail.Job, JobJson.Options)!.AsObject();
        body["logs"] = JsonSerializer.SerializeToNode(detail.Logs, JobJson.Options);
        if (detail.Job.IsPipeline)
            body["steps"] = JsonSerializer.SerializeToNode((await pipelines.GetStepsAsync(id, ct)).Select(StepView.From), JobJson.Options);
        var json = JsonSerializer.SerializeToUtf8Bytes(body, JobJson.Options);
        cache.TryAdd(id, new JobDetailCache.Entry(detail.Job.OwnerId, json), version);
        return me.CanSee(detail.Job.OwnerId) ? TypedResults.Bytes(json, JsonContentType) : JobNotFound(id);
    }

    private static async Task<IResult> StepsAsync(Guid id, JobStore store, PipelineStore pipelines, CurrentUser me, CancellationToken ct)
    {
        var job = await store.GetAsync(id, ct);
        if (job is null || !me.CanSee(job.OwnerId)) return JobNotFound(id);
        return TypedResults.Ok((await pipelines.GetStepsAsync(id, ct)).Select(StepView.From));
    }

    private static async Task<IResult> CancelAsync(Guid id, JobStore store, PipelineStore pipelines, JobsOptions options,
        IBackgroundJobClient hangfire, JobCancellationRegistry cancellations, CurrentUser me, CancellationToken ct)
    {
        var job = await store.GetAsync(id, ct);
        if (job is null || !me.CanSee(job.OwnerId)) return JobNotFound(id);
        if (JobStatus.IsTerminal(job.Status))
            return ApiProblem.Conflict(ErrorCodes.JobInvalidState, $"Job {id} is already {job.Status}.");
        if (job.IsPipeline)
        {
            await pipelines.CancelAsync(id, hangfire.Delete, ct);
            return TypedResults.Accepted($"/api/v1/jobs/{id}", await store.GetAsync(id, ct));
        }

        // The flag and NOTIFY reach the instance running it at once; deleting the Hangfire job also stops
        // a queued one from starting and is Hangfire's own (slower) cancellation path as a backstop.
        await store.RequestCancelAsync(id, ct);
        cancellations.Cancel(id); // running here: stop now rather than when the NOTIFY comes back
        if (job.HangfireJobId is not null) hangfire.Delete(job.HangfireJobId);
        // Queued, waiting on dependencies, or orphaned by a dead instance: nobody runs it, so it ends now.
        if (job.Status is JobStatus.Queued or JobStatus.Pending || await store.IsOrphanAsync(id, options.InstanceTimeout, ct))
            await store.MarkCancelledAsync(id);
        return TypedResults.Accepted($"/api/v1/jobs/{id}", await store.GetAsync(id, ct));
    }

    private static async Task<IResult> RetryAsync(Guid id, JobStore store, PipelineStore pipelines, JobLauncher launcher,
        IBackgroundJobClient hangfire, CurrentUser me, CancellationToken ct)
    {
        var job = await store.GetAsync(id, ct);
        if (job is null || !me.CanSee(job.OwnerId)) return JobNotFound(id);
        if (job.IsPipeline || job.ParentId is not null)
        {
            // A pipeline retries its failed and cancelled steps; a step retries itself. Either resumes the pipeline.
            if (job.Status is not (JobStatus.Failed or JobStatus.Cancelled)
                || !await pipelines.RetryAsync(job.ParentId ?? id, job.IsPipeline ? null : id, ct))
                return ApiProblem.Conflict(ErrorCodes.JobInvalidState, $"Only failed or cancelled jobs can be retried; job {id} is {job.Status}.");
            return TypedResults.Accepted($"/api/v1/jobs/{id}", await store.GetAsync(id, ct));
        }
        if (job.Status is not (JobStatus.Failed or JobStatus.Cancelled))
            return ApiProblem.Conflict(ErrorCodes.JobInvalidState, $"Only failed or cancelled jobs can be retried; job {id} is {job.Status}.");

        var reset = await store.ResetForRetryAsync(id, ct);
        if (reset is null) return ApiProblem.Conflict(ErrorCodes.JobInvalidState, $"Job {id} changed state; try again.");
        // Hangfire expires finished jobs after a while; then a fresh Hangfire job runs the same row.
        if (job.HangfireJobId is null || !hangfire.Requeue(job.HangfireJobId))
        {
            await store.SetHangfireJobIdAsync(id, launcher.Create(id, job.DisplayName, job.Queue));
        }
        return TypedResults.Accepted($"/api/v1/jobs/{id}", await store.GetAsync(id, ct));
    }

    private static async Task<IResult> WebSocketAsync(Guid id, HttpContext http, JobStore store, JobEventStream stream, CurrentUser me)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "This endpoint speaks WebSocket; use /events for Server-Sent Events.");
        if (await store.GetAsync(id, http.RequestAborted) is not { } job || !me.CanSee(job.OwnerId)) return JobNotFound(id);

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _ = DrainUntilClosedAsync(socket, closed);
        try
        {
            await foreach (var (_, json) in stream.ReadAsync(id, closed.Token))
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, closed.Token);
            if (socket.State == WebSocketState.Open)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "job finished", CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away.
        }
        return Results.Empty;
    }

    /// <summary>Reads (and ignores) client frames so a client's close is noticed and the feed stops.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        finally
        {
            try { await closed.CancelAsync(); } catch (ObjectDisposedException) { }
        }
    }

    private static async Task<IResult> ServerSentEventsAsync(Guid id, HttpContext http, JobStore store, JobEventStream stream, CurrentUser me)
    {
        if (await store.GetAsync(id, http.RequestAborted) is not { } job || !me.CanSee(job.OwnerId)) return JobNotFound(id);
        return TypedResults.ServerSentEvents(Events(stream.ReadAsync(id, http.RequestAborted)));

        static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<(string Type, string Json)> source)
        {
            await foreach (var (type, json) in source) yield return new SseItem<string>(json, type);
        }
    }

    /// <summary>A step as the API shows it: the row's fields plus its dependencies' step names.</summary>
    // UpdatedAt lets the dashboard drop a snapshot older than the live message it already shows (no bar moving back).
    private sealed record StepView(Guid Id, string? StepName, string Module, string Kind, string Status, string? Stage, double Percent,
        int? EtaSeconds, int Attempts, string? ErrorCode, string? ErrorMessage, bool Optional, double Weight,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> DependsOn)
    {
        public static StepView From(JobStep step)
        {
            var j = step.Job;
            return new StepView(j.Id, j.StepName, j.Module, j.Kind, j.Status, j.Stage, j.Percent, j.EtaSeconds, j.Attempts,
                j.ErrorCode, j.ErrorMessage, j.Optional, j.Weight, j.CreatedAt, j.StartedAt, j.FinishedAt, j.UpdatedAt, step.DependsOn);
        }
    }

    private static IResult JobNotFound(Guid id) => ApiProblem.NotFound(ErrorCodes.JobNotFound, $"No job {id}.");
}
