using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>The highlights endpoints as the tests use them: start a run, wait for its pipeline, read the result.</summary>
internal static class HighlightsApi
{
    public sealed record Created(Guid Id, Guid JobId);

    public sealed record Chapter(double Start, double End, string Title);

    public sealed record Clip(Guid Id, int Rank, double Start, double End, double Score, List<string> Reasons, string Title, string Status, int Revision,
        string? VideoUrl, string? ThumbnailUrl, string? SubtitlesUrl);

    public sealed record Result(Guid Id, Guid? JobId, string Status, string? TranscriptSource, string? Analyzer, string Aspect, string Subtitles,
        List<Chapter> Chapters, List<Clip> Clips, Dictionary<string, string> Downloads, List<string> Log);

    public static async Task<Created> StartAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/highlights", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Created>(TestJson.Options))!;
    }

    public static async Task<Result> RunAsync(HttpClient http, object body, TimeSpan? timeout = null)
    {
        var created = await StartAsync(http, body);
        await JobApi.WaitForStatusAsync(http, created.JobId, "succeeded", timeout ?? TimeSpan.FromMinutes(10));
        return await GetAsync(http, created.Id);
    }

    public static async Task<Result> GetAsync(HttpClient http, Guid id) =>
        JsonSerializer.Deserialize<Result>(await http.GetStringAsync($"/api/v1/highlights/{id}"), TestJson.Options)!;

    /// <summary>Supplies the generated lecture's SRT as the library item's captions (<c>PUT …/captions</c>).</summary>
    public static async Task SupplyCaptionsAsync(HttpClient http, Guid mediaId, string srtPath)
    {
        using var put = await http.PutAsync($"/api/v1/ingest/media/{mediaId}/captions?language=en",
            new StringContent(await File.ReadAllTextAsync(srtPath), System.Text.Encoding.UTF8, "application/x-subrip"));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
    }

    /// <summary>Downloads a signed URL (relative to the app) into <paramref name="path"/>.</summary>
    public static async Task DownloadAsync(HttpClient http, string url, string path)
    {
        await using var stream = await http.GetStreamAsync(url);
        await using var file = File.Create(path);
        await stream.CopyToAsync(file);
    }
}
