using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;
using Gilgamesh.Tests.Support;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.Uploads;

/// <summary>Whole-file uploads: type decided by content, empty and oversized files refused, duplicates recognised, nothing left behind.</summary>
public sealed class SimpleUploadTests : UploadTestApp
{
    [Test]
    public async Task Upload_Video_Is201WithItem()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var path = await MediaGenerator.VideoWithToneAsync();
        var (status, body) = await UploadRawAsync(editor.Http, path, "../../etc/passwd\u202Eclip.mp4");
        var result = System.Text.Json.JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
            Assert.That(result.Duplicate, Is.False);
            Assert.That(result.Item.Kind, Is.EqualTo("video"));
            Assert.That(result.Item.Sha256, Is.EqualTo(Sha256Of(path)));
            Assert.That(result.Item.Name, Is.EqualTo("passwdclip.mp4"), "the name is only a sanitised label");
        });
    }

    [Test]
    public async Task Upload_SameFileTwice_SecondIs200WithTheExistingItemAndDuplicateFlag()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var path = await MediaGenerator.ToneOnlyAsync();
        var (firstStatus, _) = await UploadRawAsync(editor.Http, path);
        var (secondStatus, body) = await UploadRawAsync(editor.Http, path, "copy.wav");
        var second = System.Text.Json.JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!;
        var list = await ListAsync(editor.Http);
        Assert.Multiple(() =>
        {
            Assert.That(firstStatus, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(secondStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(second.Duplicate, Is.True);
            Assert.That(list.Items.Select(i => i.Id), Is.EqualTo(new[] { second.Item.Id }), "one item");
        });
    }

    [Test]
    public async Task Upload_HashedWhileReceived_AndMovedIntoStorage_FileNeverReadAgainToHash()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var path = await MediaGenerator.ToneOnlyAsync();
        var ingestor = App.Services.GetRequiredService<MediaIngestor>();
        var store = (LocalObjectStore)App.Services.GetRequiredService<IObjectStore>();
        var (ingestHashed, storeHashed) = (ingestor.FilesHashed, store.FilesHashed);

        var (status, body) = await UploadRawAsync(editor.Http, path, "tone.wav");

        var result = System.Text.Json.JsonSerializer.Deserialize<UploadResult>(body, TestJson.Options)!;
        var folder = Path.Combine(App.DataDir, "objects", "ingest", editor.Id.ToString("N"), result.Item.Id.ToString("N"));
        var original = Directory.GetFiles(folder, "original*").Single();
        var scratch = Directory.GetDirectories(Path.Combine(App.DataDir, "tmp"), "ingest-upload*");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
            Assert.That(result.Item.Sha256, Is.EqualTo(Sha256Of(path)));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(original))), Is.EqualTo(Sha256Of(path)));
            Assert.That(File.ReadAllBytes(original), Is.EqualTo(File.ReadAllBytes(path)));
            Assert.That(File.Exists(Path.Combine(folder, "waveform.png")), Is.True, "the waveform is made before the file moves");
            Assert.That(ingestor.FilesHashed, Is.EqualTo(ingestHashed), "ingest used the SHA-256 taken while receiving");
            Assert.That(store.FilesHashed, Is.EqualTo(storeHashed), "storage used it too");
            Assert.That(scratch, Is.Empty, "no scratch upload left");
            Assert.That(IngestApi.FilesUnder(Path.Combine(App.DataDir, "objects", ".tmp")), Is.Empty);
        });
    }

    [Test]
    public async Task Upload_TextNamedMp4_Is422Unsupported_AndLeavesNothing()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var (status, body) = await UploadRawAsync(editor.Http, MediaGenerator.TextFileNamedMp4());
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("media.unsupported"));
        });
        AssertNothingLeftBehind(editor.Id);
    }

    [Test]
    public async Task Upload_TruncatedMp4_Is422Unsupported_AndLeavesNothing()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var (status, body) = await UploadRawAsync(editor.Http, await MediaGenerator.TruncatedMp4Async());
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("media.unsupported"));
        });
        AssertNothingLeftBehind(editor.Id);
    }

    [Test]
    public async Task Upload_ZeroBytes_Is422Empty_AndLeavesNothing()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        using var temp = new TempDirectory();
        var path = temp.Combine("empty.mp4");
        await File.WriteAllBytesAsync(path, []);
        var (status, body) = await UploadRawAsync(editor.Http, path);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(ParseProblem(body).Code, Is.EqualTo("media.empty"));
        });
        AssertNothingLeftBehind(editor.Id);
    }

    [Test]
    public async Task Upload_OverTheLimit_Is413_AndLeavesNothing()
    {
        using var editor = await App.CreateUserAsync(Roles.Editor);
        var body = new byte[MaxBytes + 1];
        Random.Shared.NextBytes(body);

        // Declared length over the limit: refused before the body is sent (Expect: 100-continue).
        using var declared = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/uploads?name=big.mp4") { Content = new ByteArrayContent(body) };
        declared.Headers.ExpectContinue = true;
        using var declaredResponse = await editor.Http.SendAsync(declared);

        // No declared length (chunked transfer): refused once the server has counted past the limit.
        using var streamed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest/uploads?name=big.mp4") { Content = new StreamContent(new UnknownLengthStream(body)) };
        streamed.Headers.TransferEncodingChunked = true;
        streamed.Headers.ExpectContinue = true;
        HttpStatusCode? streamedStatus;
        try
        {
            using var streamedResponse = await editor.Http.SendAsync(streamed);
            streamedStatus = streamedResponse.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server may close the connection on the unread rest of the body before the client reads the answer.
            streamedStatus = null;
        }

        Assert.Multiple(async () =>
        {
            Assert.That(declaredResponse.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That((await ProblemOf(declaredResponse)).Code, Is.EqualTo("request.too_large"));
            Assert.That(streamedStatus, Is.Null.Or.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        });
        await Task.Delay(300); // the aborted request finishes its cleanup on the server
        AssertNothingLeftBehind(editor.Id);
    }

    [Test]
    public async Task Upload_ByViewer_Is403()
    {
        using var viewer = await App.CreateUserAsync(Roles.Viewer);
        var (status, _) = await UploadRawAsync(viewer.Http, await MediaGenerator.ToneOnlyAsync());
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    /// <summary>A read-only stream that hides its length, so the client must send the body chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
