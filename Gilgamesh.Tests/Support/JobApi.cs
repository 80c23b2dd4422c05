using System.Net.Http.Json;
using System.Text.Json;

namespace Gilgamesh.Tests.Support;

/// <summary>The job endpoints as a test uses them: start, read, wait for a status.</summary>
public static class JobApi
{
    public sealed record Job(Guid Id, string Module, string Kind, string Status, string? Stage, double Percent,
        string? ErrorCode, string? ErrorMessage, string? HangfireJobId, int Attempts, JsonElement? Result,
        string? Title = null, string? OwnerName = null, string? SubjectHref = null, Guid? ParentId = null, string? StepName = null,
        IReadOnlyList<Step>? Steps = null, IReadOnlyList<LogLine>? Logs = null);

    public sealed record Step(Guid Id, string StepName, string Kind, string Status, string? Stage, double Percent, int Attempts,
        string? ErrorCode, bool Optional, DateTimeOffset? StartedAt, IReadOnlyList<string> DependsOn);

    public sealed record LogLine(DateTime At, string Level, string Message);

    /// <summary>Starts a probe pipeline (see <c>ProbePipelineRequest</c>).</summary>
    public static Task<Job> StartPipelineAsync(HttpClient http, object request) => PostAsync(http, "/api/v1/probe/pipelines", request);

    /// <summary>Whether the job reached a final status.</summary>
    public static bool IsFinal(Job job) => job.Status is "succeeded" or "failed" or "cancelled";

    public static async Task<Job> PostAsync(HttpClient http, string path, object? body = null)
    {
        using var response = await http.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"POST {path} → {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<Job>(text, TestJson.Options)!;
    }

    public static async Task<Job> GetAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<Job>($"/api/v1/jobs/{id}", TestJson.Options))!;

    public static async Task<Job> WaitForAsync(HttpClient http, Guid id, Func<Job, bool> done, TimeSpan? timeout = null, string what = "condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        Job job;
        do
        {
            job = await GetAsync(http, id);
            if (done(job)) return job;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Job {id} did not reach {what}; last: {job}");
    }

    public static Task<Job> WaitForStatusAsync(HttpClient http, Guid id, string status, TimeSpan? timeout = null) =>
        WaitForAsync(http, id, j => j.Status == status, timeout, $"status {status}");
}
