using System.Net;
using System.Net.Http.Headers;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Tests.Support;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.Library;

/// <summary>
/// The media library over HTTP against a real app (PostgreSQL, ffmpeg, local storage): previews, signed URLs
/// with Range, list/search/paging, ownership (other's → 404, admin sees all, viewer cannot delete), delete.
/// </summary>
[NonParallelizable]
public sealed class LibraryEndpointTests : AppFixture
{
    private TestAccounts.TestUser _alice = null!;
    private TestAccounts.TestUser _bob = null!;
    private TestAccounts.TestUser _viewer = null!;
    private Item _video = null!;
    private Item _audio = null!;
    private Item _image = null!;
    private Item _bobsVideo = null!;

    [OneTimeSetUp]
    public async Task UploadLibraryAsync()
    {
        _alice = await App.CreateUserAsync(Roles.Editor);
        _bob = await App.CreateUserAsync(Roles.Editor);
        _viewer = await App.CreateUserAsync(Roles.Viewer);
        _video = (await UploadAsync(_alice.Http, await MediaGenerator.VideoWithToneAsync(), "Lecture 100% _final_.mp4")).Item;
        _audio = (await UploadAsync(_alice.Http, await MediaGenerator.ToneOnlyAsync(), "tone.wav")).Item;
        _image = (await UploadAsync(_alice.Http, await ImageAsync(), "still.png")).Item;
        _bobsVideo = (await UploadAsync(_bob.Http, await MediaGenerator.VideoWithToneAsync(), "bob.mp4")).Item;
    }

    [OneTimeTearDown]
    public void DisposeUsers()
    {
        _alice.Dispose();
        _bob.Dispose();
        _viewer.Dispose();
    }

    [Test]
    public async Task Upload_RecordsProbeSummary()
    {
        var file = await MediaGenerator.VideoWithToneAsync();
        Assert.Multiple(() =>
        {
            Assert.That(_video.Kind, Is.EqualTo("video"));
            Assert.That(_video.Status, Is.EqualTo("ready"));
            Assert.That(_video.Sha256, Is.EqualTo(Sha256Of(file)));
            Assert.That(_video.SizeBytes, Is.EqualTo(new FileInfo(file).Length));
            Assert.That(_video.Width, Is.EqualTo(640));
            Assert.That(_video.Height, Is.EqualTo(360));
            Assert.That(_video.DurationSeconds, Is.EqualTo(3).Within(0.2));
            Assert.That(_video.Codecs.Video, Is.EqualTo("h264"));
            Assert.That(_audio.Kind, Is.EqualTo("audio"));
            Assert.That(_image.Kind, Is.EqualTo("image"));
            Assert.That(_image.DurationSeconds, Is.Null);
            Assert.That(_bobsVideo.Id, Is.Not.EqualTo(_video.Id), "the same bytes from another owner are another item");
        });
    }

    [Test]
    public async Task Previews_PosterForVideoAndImage_WaveformForAudio_ServedBySignedUrls()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_video.Previews.Poster, Is.Not.Null, "video poster exists when the upload answers");
            Assert.That(_image.Previews.Poster, Is.Not.Null, "image poster");
            Assert.That(_audio.Previews.Waveform, Is.Not.Null, "audio waveform");
            Assert.That(_audio.Previews.Poster, Is.Null, "no poster for audio");
        });
        using var anonymous = App.Anonymous();
        await AssertServesAsync(anonymous, _video.Previews.Poster!, "image/jpeg", [0xFF, 0xD8]);
        await AssertServesAsync(anonymous, _image.Previews.Poster!, "image/jpeg", [0xFF, 0xD8]);
        await AssertServesAsync(anonymous, _audio.Previews.Waveform!, "image/png", [0x89, 0x50, 0x4E, 0x47]);
    }

    [Test]
    public async Task ContactSheet_MadeByTheJob_AppearsOnTheVideo()
    {
        var item = await WaitForContactSheetAsync(_video.Id);
        Assert.That(item.Previews.ContactSheet, Is.Not.Null, "the previews job recorded a contact sheet");
        using var anonymous = App.Anonymous();
        await AssertServesAsync(anonymous, item.Previews.ContactSheet!, "image/jpeg", [0xFF, 0xD8]);
    }

    [Test]
    public async Task Original_RangeRequest_Answers206WithThoseBytes()
    {
        using var anonymous = App.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, _video.Url);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        using var response = await anonymous.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var file = await File.ReadAllBytesAsync(await MediaGenerator.VideoWithToneAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes 100-199/{file.Length}"));
            Assert.That(bytes, Is.EqualTo(file[100..200]));
        });
    }

    [Test]
    public async Task List_OwnItemsNewestFirst_SearchKindDateAndPaging()
    {
        var all = await ListAsync(_alice.Http);
        Assert.That(all.Items.Select(i => i.Id), Is.EqualTo(new[] { _image.Id, _audio.Id, _video.Id }), "own items, newest first");

        // LIKE wildcards in the search are literal characters.
        var percent = await ListAsync(_alice.Http, "?q=" + Uri.EscapeDataString("100%"));
        var underscore = await ListAsync(_alice.Http, "?q=" + Uri.EscapeDataString("_final_"));
        var noWildcard = await ListAsync(_alice.Http, "?q=" + Uri.EscapeDataString("t_ne"));
        var caseless = await ListAsync(_alice.Http, "?q=LECTURE");
        var audio = await ListAsync(_alice.Http, "?kind=audio");
        var future = await ListAsync(_alice.Http, "?from=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O")));
        var past = await ListAsync(_alice.Http, "?to=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O")));
        Assert.Multiple(() =>
        {
            Assert.That(percent.Items.Select(i => i.Id), Is.EqualTo(new[] { _video.Id }));
            Assert.That(underscore.Items.Select(i => i.Id), Is.EqualTo(new[] { _video.Id }));
            Assert.That(noWildcard.Items, Is.Empty, "_ does not match any one character");
            Assert.That(caseless.Items.Select(i => i.Id), Is.EqualTo(new[] { _video.Id }));
            Assert.That(audio.Items.Select(i => i.Id), Is.EqualTo(new[] { _audio.Id }));
            Assert.That(future.Items, Is.Empty);
            Assert.That(past.Items, Has.Count.EqualTo(3));
        });

        var first = await ListAsync(_alice.Http, "?limit=2");
        Assert.That(first.NextCursor, Is.Not.Null);
        var second = await ListAsync(_alice.Http, "?limit=2&cursor=" + first.NextCursor);
        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Concat(second.Items).Select(i => i.Id), Is.EqualTo(all.Items.Select(i => i.Id)));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task Ownership_OthersItemIs404_AdminSeesAll_ViewerCannotDelete()
    {
        using var othersGet = await _bob.Http.GetAsync($"/api/v1/ingest/items/{_video.Id}");
        using var othersDelete = await _bob.Http.DeleteAsync($"/api/v1/ingest/items/{_video.Id}");
        using var viewerDelete = await _viewer.Http.DeleteAsync($"/api/v1/ingest/items/{_video.Id}");
        var bobsList = await ListAsync(_bob.Http);
        var adminList = await ListAsync(App.Http, "?limit=200");
        var viewerList = await ListAsync(_viewer.Http);

        Assert.Multiple(async () =>
        {
            Assert.That(othersGet.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await ProblemOf(othersGet)).Code, Is.EqualTo("media.not_found"));
            Assert.That(othersDelete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(viewerDelete.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(bobsList.Items.Select(i => i.Id), Is.EqualTo(new[] { _bobsVideo.Id }));
            Assert.That(adminList.Items.Select(i => i.Id), Is.SupersetOf(new[] { _video.Id, _audio.Id, _image.Id, _bobsVideo.Id }));
            Assert.That(viewerList.Items, Is.Empty);
        });
        Assert.That((await GetItemAsync(_alice.Http, _video.Id)).Id, Is.EqualTo(_video.Id), "still there after the refused deletes");
    }

    [Test]
    public async Task Delete_RemovesRowAndEveryStoredObject()
    {
        var item = (await UploadAsync(_alice.Http, await SecondVideoAsync(), "to-delete.mp4")).Item;
        var folder = Path.Combine(App.DataDir, "objects", "ingest", item.OwnerId.ToString("N"), item.Id.ToString("N"));
        // Deleting after the contact sheet job finished makes "every object" include the job's output too.
        item = await WaitForContactSheetAsync(item.Id);
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(3), "original, poster and contact sheet stored");

        using var response = await _alice.Http.DeleteAsync($"/api/v1/ingest/items/{item.Id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var get = await _alice.Http.GetAsync($"/api/v1/ingest/items/{item.Id}");
        using var anonymous = App.Anonymous();
        using var original = await anonymous.GetAsync(item.Url);
        using var poster = await anonymous.GetAsync(item.Previews.Poster);
        Assert.Multiple(() =>
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(original.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "original gone from storage");
            Assert.That(poster.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "poster gone from storage");
            Assert.That(FilesUnder(folder), Is.Empty, "no object left under the item's prefix");
        });
    }

    [Test]
    public async Task List_BadArguments_Are400()
    {
        using var kind = await _alice.Http.GetAsync("/api/v1/ingest/items?kind=document");
        using var limit = await _alice.Http.GetAsync("/api/v1/ingest/items?limit=0");
        using var cursor = await _alice.Http.GetAsync("/api/v1/ingest/items?cursor=garbage");
        Assert.Multiple(() =>
        {
            Assert.That(kind.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(limit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(cursor.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task DashboardPages_ServedFromTheModulesResources_AndAnnounced()
    {
        using var anonymous = App.Anonymous();
        using var pages = await anonymous.GetAsync("/modules/ingest/pages.js");
        using var library = await anonymous.GetAsync("/modules/ingest/library-detail.js");
        using var missing = await App.Http.GetAsync("/modules/ingest/nothing.js");
        using var modules = System.Text.Json.JsonDocument.Parse(await _viewer.Http.GetStringAsync("/api/v1/modules"));
        var announced = modules.RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!,
            m => m.GetProperty("pages").ValueKind == System.Text.Json.JsonValueKind.Null ? null : m.GetProperty("pages").GetString());
        Assert.Multiple(async () =>
        {
            Assert.That(pages.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(pages.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
            Assert.That(await pages.Content.ReadAsStringAsync(), Does.Contain("export const routes"));
            Assert.That(library.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(announced["ingest"], Is.EqualTo("modules/ingest/pages.js"));
            Assert.That(announced["probe"], Is.Null, "a module without pages announces none");
        });
    }

    private async Task<Item> WaitForContactSheetAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        Item item;
        do
        {
            item = await GetItemAsync(_alice.Http, id);
            if (item.Previews.ContactSheet is not null) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return item;
    }

    private static async Task AssertServesAsync(HttpClient http, string url, string contentType, byte[] magic)
    {
        using var response = await http.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(contentType), url);
            Assert.That(bytes.Take(magic.Length), Is.EqualTo(magic), url);
        });
    }
}
