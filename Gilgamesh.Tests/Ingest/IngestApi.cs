using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest;

/// <summary>The ingest API as tests call it, with the response shapes the dashboard relies on.</summary>
internal static class IngestApi
{
    public sealed record Previews(string? Poster, string? ContactSheet, string? Waveform);

    public sealed record Codecs(string? Video, string? Audio, string? Format);

    public sealed record Item(Guid Id, Guid OwnerId, string Name, string Source, string? Kind, string Status, string? ContentType,
        long? SizeBytes, string? Sha256, double? DurationSeconds, int? Width, int? Height, Codecs Codecs, DateTimeOffset Created,
        Previews Previews, string? Url, string? RejectedCode = null, string? RejectedReason = null);

    public sealed record UploadResult(Item Item, bool Duplicate);

    public sealed record Page(List<Item> Items, string? NextCursor);

    public sealed record Session(Guid Id, string Name, long SizeBytes, long ChunkSizeBytes, int ChunkCount, List<int> ReceivedChunks,
        List<int> MissingChunks, long ReceivedBytes, int ChunkWrites, string Status, Guid? MediaId);

    public sealed record Problem(int Status, string Code, string? Detail);

    /// <summary>Simple upload of a whole file; returns the status and the raw body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> UploadRawAsync(HttpClient http, string path, string? name = null)
    {
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync($"/api/v1/ingest/uploads?name={Uri.EscapeDataString(name ?? Path.GetFileName(path))}", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<UploadResult> UploadAsync(HttpClient http, string path, string? name = null)
    {
        var (status, body) = await UploadRawAsync(http, path, name);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.OK)) Assert.Fail($"upload {path} → {(int)status}: {body}");
        return JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!;
    }

    public static Problem ParseProblem(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return new Problem(root.GetProperty("status").GetInt32(), root.GetProperty("code").GetString()!,
            root.TryGetProperty("detail", out var d) ? d.GetString() : null);
    }

    public static async Task<Problem> ProblemOf(HttpResponseMessage response) => ParseProblem(await response.Content.ReadAsStringAsync());

    public static async Task<Session> CreateSessionAsync(HttpClient http, string name, long size, long chunkSize, string? sha256 = null)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/ingest/uploads/sessions", new { name, sizeBytes = size, chunkSizeBytes = chunkSize, sha256 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonSerializer.Deserialize<Session>(body, TestJson.Options)!;
    }

    /// <summary>A session with every chunk of <paramref name="file"/> sent, not yet completed.</summary>
    public static async Task<Session> SendAllChunksAsync(HttpClient http, string name, byte[] file, long chunkSize, string? sha256 = null)
    {
        var session = await CreateSessionAsync(http, name, file.Length, chunkSize, sha256);
        for (var i = 0; i < session.ChunkCount; i++) await PutChunkAsync(http, session, file, i);
        return session;
    }

    public static async Task<Session> GetSessionAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<Session>($"/api/v1/ingest/uploads/sessions/{id}", TestJson.Options))!;

    public static async Task<Session> PutChunkAsync(HttpClient http, Session session, byte[] file, int index)
    {
        var offset = (int)(index * session.ChunkSizeBytes);
        var length = (int)Math.Min(session.ChunkSizeBytes, file.Length - offset);
        using var content = new ByteArrayContent(file, offset, length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PutAsync($"/api/v1/ingest/uploads/sessions/{session.Id}/chunks/{index}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"chunk {index}: {body}");
        return JsonSerializer.Deserialize<Session>(body, TestJson.Options)!;
    }

    public static async Task<(HttpStatusCode Status, string Body)> CompleteAsync(HttpClient http, Guid sessionId)
    {
        using var response = await http.PostAsync($"/api/v1/ingest/uploads/sessions/{sessionId}/complete", null);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<Item> GetItemAsync(HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<Item>($"/api/v1/ingest/items/{id}", TestJson.Options))!;

    public static async Task<Page> ListAsync(HttpClient http, string query = "") =>
        (await http.GetFromJsonAsync<Page>($"/api/v1/ingest/items{query}", TestJson.Options))!;

    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A 320x240 PNG (testsrc2), generated once per test process.</summary>
    public static Task<string> ImageAsync() => GenerateOnceAsync("still.png", p => $"-f lavfi -i testsrc2=s=320x240 -frames:v 1 \"{p}\" -y");

    /// <summary>A 6 s 640x360 video with tone, different bytes from the standard clip (so it is not a duplicate).</summary>
    public static Task<string> SecondVideoAsync() => MediaGenerator.GenerateAsync("second-video.mp4",
        new Gilgamesh.Modules.Kernel.Media.GeneratedClipSpec(Gilgamesh.Modules.Kernel.Media.MediaTime.FromSeconds(6), 640, 360, 25, 660));

    /// <summary>
    /// About 140 MB of uncompressed 1280x720 video (4 s): large enough that completing it (hashing, storing) takes a
    /// moment a test can kill the app in, yet quick to probe and preview.
    /// </summary>
    public static Task<string> LargeRawVideoAsync() => GenerateOnceAsync("large-raw.mkv",
        p => $"-f lavfi -i testsrc2=s=1280x720:r=25 -t 4 -c:v rawvideo -pix_fmt yuv420p \"{p}\" -y");

    private static readonly Dictionary<string, Task<string>> Once = [];

    private static Task<string> GenerateOnceAsync(string name, Func<string, string> arguments)
    {
        lock (Once)
        {
            if (!Once.TryGetValue(name, out var task))
            {
                var path = Path.Combine(MediaGenerator.Folder, name);
                task = Task.Run(async () => { await MediaTools.Runner.RunAsync(arguments(path)); return path; });
                Once[name] = task;
            }
            return task;
        }
    }

    /// <summary>Files under a data-dir folder (recursively), for "nothing left behind" checks.</summary>
    public static List<string> FilesUnder(string root) =>
        Directory.Exists(root) ? Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).ToList() : [];
}
