using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UploadSessionCleanup = Gilgamesh.Modules.Ingest.Uploads.UploadSessionCleanup;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.Uploads;

/// <summary>Resumable (chunked) uploads: interrupted and resumed, refused content, ownership, and the cleanup of abandoned sessions.</summary>
public sealed class ResumableUploadTests : UploadTestApp
{
    [Test]
    public async Task InterruptedAtHalfThenResumed_GivesTheFilesSha256_WithoutResendingFinishedChunks()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var path = await SecondVideoAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        var sha = Sha256Of(path);
        var session = await CreateSessionAsync(editor.Http, "lecture.mp4", bytes.Length, ChunkSize, sha);
        Assert.That(session.ChunkCount, Is.GreaterThanOrEqualTo(4), $"the test file ({bytes.Length} bytes) spans several chunks");
        var half = session.ChunkCount / 2;

        for (var i = 0; i < half; i++) await PutChunkAsync(editor.Http, session, bytes, i);
        // The connection drops in the middle of the next chunk.
        Assert.That(async () => await PutAbortedChunkAsync(editor.Http, session, bytes, half), Throws.InstanceOf<HttpRequestException>());

        var status = await WaitForSessionAsync(editor.Http, session.Id, s => s.ReceivedChunks.Count == half);
        Assert.Multiple(() =>
        {
            Assert.That(status.ReceivedChunks, Is.EqualTo(Enumerable.Range(0, half)), "the cut chunk does not count");
            Assert.That(status.MissingChunks, Is.EqualTo(Enumerable.Range(half, session.ChunkCount - half)));
            Assert.That(status.ReceivedBytes, Is.EqualTo(half * ChunkSize));
            Assert.That(status.ChunkWrites, Is.EqualTo(half));
        });

        // Resume: only what the server says is missing.
        foreach (var index in status.MissingChunks) await PutChunkAsync(editor.Http, session, bytes, index);
        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        Assert.That(code, Is.EqualTo(HttpStatusCode.Created), body);
        var result = JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!;
        var finished = await GetSessionAsync(editor.Http, session.Id);

        Assert.Multiple(() =>
        {
            Assert.That(result.Duplicate, Is.False);
            Assert.That(result.Item.Sha256, Is.EqualTo(sha), "the item's SHA-256 is the file's");
            Assert.That(result.Item.SizeBytes, Is.EqualTo(bytes.Length));
            Assert.That(result.Item.Name, Is.EqualTo("lecture.mp4"));
            Assert.That(result.Item.Previews.Poster, Is.Not.Null);
            Assert.That(finished.ChunkWrites, Is.EqualTo(session.ChunkCount), "every chunk was written exactly once");
            Assert.That(finished.Status, Is.EqualTo("completed"));
            Assert.That(finished.MediaId, Is.EqualTo(result.Item.Id));
            Assert.That(Directory.Exists(Path.Combine(App.DataDir, "uploads", session.Id.ToString("N"))), Is.False, "session data removed");
        });
        using var anonymous = App.Anonymous();
        Assert.That(await anonymous.GetByteArrayAsync(result.Item.Url), Is.EqualTo(bytes), "the stored original is the file");
    }

    [Test]
    public async Task DeleteItem_WhileItsUploadIsUnfinished_RemovesTheSessionAndItsDataAtOnce()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = await File.ReadAllBytesAsync(await SecondVideoAsync());
        var session = await CreateSessionAsync(editor.Http, "half.mp4", bytes.Length, ChunkSize);
        await PutChunkAsync(editor.Http, session, bytes, 0);

        using var deleted = await editor.Http.DeleteAsync($"/api/v1/ingest/items/{session.MediaId}");
        using var get = await editor.Http.GetAsync($"/api/v1/ingest/uploads/sessions/{session.Id}");
        using var delete = await editor.Http.DeleteAsync($"/api/v1/ingest/uploads/sessions/{session.Id}");

        Assert.Multiple(() =>
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "GET and DELETE agree");
        });
        AssertNothingLeftBehind(editor.Id, session.Id);
    }

    [Test]
    public async Task Complete_SameBytesAgain_AnswersTheExistingItemAsDuplicate()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var path = await MediaGenerator.VideoWithToneAsync();
        var first = await UploadAsync(editor.Http, path);
        var bytes = await File.ReadAllBytesAsync(path);
        var session = await SendAllChunksAsync(editor.Http, "again.mp4", bytes, ChunkSize);

        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        var result = JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(result.Duplicate, Is.True);
            Assert.That(result.Item.Id, Is.EqualTo(first.Item.Id));
        });
    }

    [Test]
    public async Task Complete_TextNamedMp4_Is422AndLeavesNothing()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("plain text, not a video\n", 4000)));
        var session = await SendAllChunksAsync(editor.Http, "fake.mp4", bytes, 16384);

        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        using var gone = await editor.Http.GetAsync($"/api/v1/ingest/uploads/sessions/{session.Id}");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("media.unsupported"));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a refused session is gone");
        });
        AssertNothingLeftBehind(editor.Id, session.Id);
    }

    [Test]
    public async Task Complete_WrongDeclaredSha256_Is422ChecksumMismatch()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = await File.ReadAllBytesAsync(await MediaGenerator.ToneOnlyAsync());
        var session = await SendAllChunksAsync(editor.Http, "tone.wav", bytes, ChunkSize, new string('a', 64));

        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("upload.checksum_mismatch"));
        });
        AssertNothingLeftBehind(editor.Id, session.Id);
    }

    [Test]
    public async Task Complete_WithMissingChunks_Is409AndKeepsTheSession()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = await File.ReadAllBytesAsync(await MediaGenerator.ToneOnlyAsync());
        var session = await CreateSessionAsync(editor.Http, "tone.wav", bytes.Length, ChunkSize);
        await PutChunkAsync(editor.Http, session, bytes, 0);

        var (code, body) = await CompleteAsync(editor.Http, session.Id);
        var status = await GetSessionAsync(editor.Http, session.Id);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(HttpStatusCode.Conflict), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("upload.incomplete"));
            Assert.That(status.Status, Is.EqualTo("open"));
            Assert.That(status.ReceivedChunks, Is.EqualTo(new[] { 0 }));
        });
    }

    [Test]
    public async Task Sessions_RefuseEmptyOversizedWrongChunksOthersAndViewers()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        using var other = await App.CreateUserAsync(Roles.Editor);
        using var viewer = await App.CreateUserAsync(Roles.Viewer);
        using var empty = await editor.Http.PostAsJsonAsync("/api/v1/ingest/uploads/sessions", new { name = "e.mp4", sizeBytes = 0 });
        using var huge = await editor.Http.PostAsJsonAsync("/api/v1/ingest/uploads/sessions", new { name = "h.mp4", sizeBytes = MaxBytes + 1 });
        using var tinyChunks = await editor.Http.PostAsJsonAsync("/api/v1/ingest/uploads/sessions", new { name = "t.mp4", sizeBytes = 1000, chunkSizeBytes = 10 });
        using var byViewer = await viewer.Http.PostAsJsonAsync("/api/v1/ingest/uploads/sessions", new { name = "v.mp4", sizeBytes = 1000 });
        var session = await CreateSessionAsync(editor.Http, "s.mp4", 100_000, ChunkSize);
        using var othersGet = await other.Http.GetAsync($"/api/v1/ingest/uploads/sessions/{session.Id}");
        using var othersPut = await other.Http.PutAsync($"/api/v1/ingest/uploads/sessions/{session.Id}/chunks/0", new ByteArrayContent(new byte[ChunkSize]));
        using var wrongSize = await editor.Http.PutAsync($"/api/v1/ingest/uploads/sessions/{session.Id}/chunks/0", new ByteArrayContent(new byte[100]));
        using var wrongIndex = await editor.Http.PutAsync($"/api/v1/ingest/uploads/sessions/{session.Id}/chunks/9", new ByteArrayContent(new byte[100]));

        Assert.Multiple(async () =>
        {
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That((await ProblemOf(empty)).Code, Is.EqualTo("media.empty"));
            Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That((await ProblemOf(huge)).Code, Is.EqualTo("request.too_large"));
            Assert.That(tinyChunks.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(byViewer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(othersGet.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await ProblemOf(othersGet)).Code, Is.EqualTo("upload.not_found"));
            Assert.That(othersPut.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(wrongSize.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await ProblemOf(wrongSize)).Code, Is.EqualTo("upload.chunk_invalid"));
            Assert.That(wrongIndex.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
        Assert.That((await GetSessionAsync(editor.Http, session.Id)).ChunkWrites, Is.Zero, "refused chunks were not written");
    }

    [Test]
    public async Task Cleanup_RemovesExpiredSessionsAndTheirFiles_KeepsLiveOnes()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var bytes = await File.ReadAllBytesAsync(await MediaGenerator.ToneOnlyAsync());
        var expired = await CreateSessionAsync(editor.Http, "old.wav", bytes.Length, ChunkSize);
        var live = await CreateSessionAsync(editor.Http, "new.wav", bytes.Length, ChunkSize);
        await PutChunkAsync(editor.Http, expired, bytes, 0);
        await PutChunkAsync(editor.Http, live, bytes, 0);
        var orphan = Path.Combine(App.DataDir, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(orphan);
        await File.WriteAllTextAsync(Path.Combine(orphan, "data"), "left by a crash");
        Directory.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddDays(-3));

        await using (var connection = await App.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var command = new NpgsqlCommand("update ingest.upload_sessions set expires_at = now() - interval '1 minute' where id = $1", connection))
        {
            command.Parameters.AddWithValue(expired.Id);
            Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }
        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<UploadSessionCleanup>().RunAsync();

        using var expiredGet = await editor.Http.GetAsync($"/api/v1/ingest/uploads/sessions/{expired.Id}");
        var liveStatus = await GetSessionAsync(editor.Http, live.Id);
        Assert.Multiple(() =>
        {
            Assert.That(expiredGet.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "expired session row removed");
            Assert.That(Directory.Exists(Path.Combine(App.DataDir, "uploads", expired.Id.ToString("N"))), Is.False, "expired session's chunks removed");
            Assert.That(Directory.Exists(orphan), Is.False, "orphaned folder removed");
            Assert.That(liveStatus.ReceivedChunks, Is.EqualTo(new[] { 0 }), "live session untouched");
            Assert.That(File.Exists(Path.Combine(App.DataDir, "uploads", live.Id.ToString("N"), "data")), Is.True, "live session's data kept");
        });
    }

    private static async Task<Session> WaitForSessionAsync(HttpClient http, Guid id, Func<Session, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Session session;
        do
        {
            session = await GetSessionAsync(http, id);
            if (condition(session)) return session;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        return session;
    }

    /// <summary>Sends the first half of a chunk with the full Content-Length, then fails: the connection is cut mid-body.</summary>
    private static async Task PutAbortedChunkAsync(HttpClient http, Session session, byte[] file, int index)
    {
        var offset = (int)(index * session.ChunkSizeBytes);
        var length = (int)Math.Min(session.ChunkSizeBytes, file.Length - offset);
        using var content = new HalfThenFailContent(file.AsMemory(offset, length));
        await http.PutAsync($"/api/v1/ingest/uploads/sessions/{session.Id}/chunks/{index}", content);
    }

    private sealed class HalfThenFailContent(ReadOnlyMemory<byte> chunk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(chunk[..(chunk.Length / 2)]);
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("connection dropped by the test");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = chunk.Length;
            return true;
        }
    }
}
