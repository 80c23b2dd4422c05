using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gilgamesh.Tests.Support;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.Uploads;

/// <summary>
/// Issue 13 item 1: the app killed (SIGKILL) while <c>POST …/complete</c> runs. The session must not stay wedged in
/// <c>completing</c>: the restarted instance (or a surviving one) reopens it within seconds, the client completes it
/// again and the stored bytes hash right; deleting the item then removes its session and files.
/// </summary>
[NonParallelizable]
public sealed class CompletionCrashTests
{
    private const long ChunkBytes = 32L * 1024 * 1024;
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Restart_AfterAKillDuringComplete_ReopensTheSessionAtOnce_AndCompletingAgainStoresTheRightBytes()
    {
        using var data = new TempDirectory("gilgamesh-data");
        var database = await TestDatabase.CreateAsync("uploadcrash");
        var (path, sha) = await LargeFileAsync();

        Session session;
        await using (var crashed = await AppProcess.StartAsync(data.Path, database))
            session = await KillDuringCompleteAsync(crashed, path, sha);

        await using var restarted = await AppProcess.StartAsync(data.Path, database);
        var (reopened, waited) = await WaitWhileCompletingAsync(restarted.Http, session.Id);
        Assert.That(reopened.Status, Is.EqualTo("open"), $"waited {waited}; {restarted.Output}");
        Assert.That(waited, Is.LessThan(RecoveryBound));
        Assert.That((await GetItemAsync(restarted.Http, session.MediaId!.Value)).Status, Is.EqualTo("receiving"));

        await AssertCompletesWithTheRightBytesAsync(restarted, session, sha);
    }

    [Test]
    public async Task SurvivingInstance_AfterTheOtherIsKilledDuringComplete_ReopensTheSession_AndDeletingTheItemRemovesEverything()
    {
        using var data = new TempDirectory("gilgamesh-data");
        var database = await TestDatabase.CreateAsync("uploadcrash2");
        var (path, sha) = await LargeFileAsync();
        var environment = new Dictionary<string, string> { ["Ingest__Uploads__RecoveryIntervalSeconds"] = "2" };
        // One data dir for both, as instances share a volume for uploads and local storage.
        await using var survivor = await AppProcess.StartAsync(data.Path, database, environment);

        Session session;
        await using (var victim = await AppProcess.StartAsync(data.Path, database, environment))
            session = await KillDuringCompleteAsync(victim, path, sha);

        var (reopened, waited) = await WaitWhileCompletingAsync(survivor.Http, session.Id);
        Assert.That(reopened.Status, Is.EqualTo("open"), $"waited {waited}");
        Assert.That(waited, Is.LessThan(RecoveryBound));

        using var deleted = await survivor.Http.DeleteAsync($"/api/v1/ingest/items/{session.MediaId}");
        using var sessionAfter = await survivor.Http.GetAsync($"/api/v1/ingest/uploads/sessions/{session.Id}");
        using var deleteSessionAfter = await survivor.Http.DeleteAsync($"/api/v1/ingest/uploads/sessions/{session.Id}");
        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(sessionAfter.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the session went with its item");
            Assert.That(deleteSessionAfter.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "GET and DELETE agree");
            Assert.That(Directory.Exists(Path.Combine(data.Path, "uploads", session.Id.ToString("N"))), Is.False, "its data file is gone at once");
        });
    }

    private static async Task<(string Path, string Sha)> LargeFileAsync()
    {
        var path = await LargeRawVideoAsync();
        await using var file = File.OpenRead(path);
        return (path, Convert.ToHexStringLower(await SHA256.HashDataAsync(file)));
    }

    /// <summary>Uploads every chunk, starts <c>complete</c> and kills the process once the session reads completing.</summary>
    private static async Task<Session> KillDuringCompleteAsync(AppProcess app, string path, string sha)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var session = await SendAllChunksAsync(app.Http, "lecture.mkv", bytes, ChunkBytes, sha);
        using var watcher = new HttpClient { BaseAddress = app.BaseAddress };
        watcher.DefaultRequestHeaders.Add("X-Api-Key", app.AdminKey);
        var completing = CompleteAsync(app.Http, session.Id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await GetSessionAsync(watcher, session.Id)).Status != "completing")
        {
            Assert.That(completing.IsCompleted, Is.False, "complete finished before the test saw it running; the kill window was missed");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline));
        }
        await app.KillAsync();
        Assert.That(async () => await completing, Throws.InstanceOf<HttpRequestException>(), "the process died mid-complete");
        return session;
    }

    private static async Task<(Session Session, TimeSpan Waited)> WaitWhileCompletingAsync(HttpClient http, Guid id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var session = await GetSessionAsync(http, id);
            if (session.Status != "completing" || clock.Elapsed > RecoveryBound * 3) return (session, clock.Elapsed);
            await Task.Delay(100);
        }
    }

    private static async Task AssertCompletesWithTheRightBytesAsync(AppProcess app, Session session, string sha)
    {
        var (status, body) = await CompleteAsync(app.Http, session.Id);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        var item = JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!.Item;
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        string stored;
        await using (var original = await anonymous.GetStreamAsync(item.Url))
            stored = Convert.ToHexStringLower(await SHA256.HashDataAsync(original));
        var finished = await GetSessionAsync(app.Http, session.Id);
        Assert.Multiple(() =>
        {
            Assert.That(item.Sha256, Is.EqualTo(sha));
            Assert.That(item.Status, Is.EqualTo("ready"));
            Assert.That(stored, Is.EqualTo(sha), "the stored original hashes right");
            Assert.That(finished.Status, Is.EqualTo("completed"));
        });
    }
}
