using System.Net;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Gilgamesh.Tests.Ingest.IngestApi;
using UploadSessionCleanup = Gilgamesh.Modules.Ingest.Uploads.UploadSessionCleanup;

namespace Gilgamesh.Tests.Ingest.Uploads;

/// <summary>A resumable upload is in the library from its first moment: receiving, then ready or rejected with a reason.</summary>
public sealed class ItemStatusTests : UploadTestApp
{
    [Test]
    public async Task UnfinishedSession_ShowsAReceivingItem_ThatBecomesReadyOnCompletion()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = await File.ReadAllBytesAsync(await MediaGenerator.ToneOnlyAsync());
        var session = await CreateSessionAsync(editor.Http, "lecture.wav", bytes.Length, ChunkSize);
        await PutChunkAsync(editor.Http, session, bytes, 0);

        var receiving = await ListAsync(editor.Http, "?status=receiving");
        var item = await GetItemAsync(editor.Http, session.MediaId!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(receiving.Items.Select(i => i.Id), Is.EqualTo(new[] { session.MediaId }));
            Assert.That(item.Status, Is.EqualTo("receiving"));
            Assert.That(item.Name, Is.EqualTo("lecture.wav"));
            Assert.That(item.Sha256, Is.Null);
            Assert.That(item.Url, Is.Null, "nothing to play yet");
        });

        using var analyse = await editor.Http.PostAsync($"/api/v1/ingest/media/{session.MediaId}/analyses", null);
        Assert.Multiple(async () =>
        {
            Assert.That(analyse.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "nothing to analyse yet");
            Assert.That((await ProblemOf(analyse)).Code, Is.EqualTo("media.not_ready"));
        });

        for (var i = 1; i < session.ChunkCount; i++) await PutChunkAsync(editor.Http, session, bytes, i);
        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        Assert.That(code, Is.EqualTo(HttpStatusCode.Created), body);
        var ready = await GetItemAsync(editor.Http, session.MediaId.Value);
        Assert.Multiple(async () =>
        {
            Assert.That(ready.Status, Is.EqualTo("ready"));
            Assert.That(ready.Kind, Is.EqualTo("audio"));
            Assert.That((await ListAsync(editor.Http, "?status=receiving")).Items, Is.Empty);
        });
    }

    [Test]
    public async Task CompletedTextFile_StaysInTheLibraryAsRejectedWithCodeAndReason()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("plain text, not a video\n", 2000)));
        var session = await SendAllChunksAsync(editor.Http, "notes.mp4", bytes, 16384);

        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        var rejected = await GetItemAsync(editor.Http, session.MediaId!.Value);
        var listed = await ListAsync(editor.Http, "?status=rejected");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("media.unsupported"), "the answer is unchanged");
            Assert.That(rejected.Status, Is.EqualTo("rejected"));
            Assert.That(rejected.RejectedCode, Is.EqualTo("media.unsupported"));
            Assert.That(rejected.RejectedReason, Is.Not.Null.And.Not.Empty);
            Assert.That(rejected.Url, Is.Null);
            Assert.That(listed.Items.Select(i => i.Id), Does.Contain(rejected.Id));
        });
        AssertNothingLeftBehind(editor.Id, session.Id);
    }

    [Test]
    public async Task Duplicate_AnswersTheExistingItemAndRemovesTheReceivingItem()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var path = await MediaGenerator.ToneOnlyAsync();
        var first = await UploadAsync(editor.Http, path);
        var bytes = await File.ReadAllBytesAsync(path);
        var session = await SendAllChunksAsync(editor.Http, "again.wav", bytes, ChunkSize);

        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        using var receiving = await editor.Http.GetAsync($"/api/v1/ingest/items/{session.MediaId}");
        var all = await ListAsync(editor.Http);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(System.Text.Json.JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!.Item.Id, Is.EqualTo(first.Item.Id));
            Assert.That(receiving.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the receiving item is gone");
            Assert.That(all.Items.Select(i => i.Id), Is.EqualTo(new[] { first.Item.Id }));
        });
    }

    [Test]
    public async Task AbortedAndExpiredSessions_RemoveTheirReceivingItems()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var aborted = await CreateSessionAsync(editor.Http, "gone.wav", 100_000, ChunkSize);
        var expired = await CreateSessionAsync(editor.Http, "old.wav", 100_000, ChunkSize);
        var live = await CreateSessionAsync(editor.Http, "new.wav", 100_000, ChunkSize);
        Assert.That((await ListAsync(editor.Http, "?status=receiving")).Items, Has.Count.EqualTo(3));

        using var abort = await editor.Http.DeleteAsync($"/api/v1/ingest/uploads/sessions/{aborted.Id}");
        Assert.That(abort.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await using (var connection = await App.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var command = new NpgsqlCommand("update ingest.upload_sessions set expires_at = now() - interval '1 minute' where id = $1", connection))
        {
            command.Parameters.AddWithValue(expired.Id);
            Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UploadSessionCleanup>().RunAsync();

        var left = await ListAsync(editor.Http);
        Assert.That(left.Items.Select(i => (i.Id, i.Status)), Is.EqualTo(new[] { (live.MediaId!.Value, "receiving") }));
    }

    [Test]
    public async Task List_WithAnUnknownStatus_Is400()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        using var response = await editor.Http.GetAsync("/api/v1/ingest/items?status=lost");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
