using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>POST /api/v1/ingest/process against a local server that misbehaves in every way a URL can.</summary>
public sealed class ProcessUrlsTests : LinksFixture
{
    [Test]
    public async Task Process_WhenOneRequestMixesEveryKindOfUrl_AnswersEachInOrderWithItsOwnCode()
    {
        File.Delete(YtDlpPath);
        var cases = new (string Url, string Expected)[]
        {
            (Server.Url("/media/clip.mp4?case=ok"), "ok"),
            (Server.Url("/redirect?to=/redirect%3Fto%3D/media/audio.wav"), "ok"),
            (Server.Url("/missing"), "content.unavailable"),
            (Server.Url("/private"), "content.unavailable"),
            (Server.Url("/too-large"), "content.too_large"),
            (Server.Url("/endless"), "content.too_large"),
            (Server.Url("/text"), "link.unsupported"),
            (Server.Url("/page"), "link.unsupported"),
            (Server.Url("/slow"), "fetch.timeout"),
            (Server.Url("/drop"), "fetch.failed"),
            (Server.Url($"/redirect?to=http://localhost:{Server.Port}/media/clip.mp4"), "link.forbidden"),
            ($"http://localhost:{Server.Port}/media/clip.mp4", "link.forbidden"),
            ("http://169.254.169.254/latest/meta-data/", "link.forbidden"),
            ($"http://localhost.:{Server.Port}/media/clip.mp4", "link.forbidden"),
            ($"http://foo.localhost:{Server.Port}/media/clip.mp4", "link.forbidden"),
            ("http://10.1.2.3/video.mp4", "link.forbidden"),
            ("http://metadata.google.internal/computeMetadata/v1/", "link.forbidden"),
            ("ftp://example.com/file.mp4", "link.invalid"),
            ("not a url at all", "link.invalid"),
        };

        var plainClipHits = Server.Hits("/media/clip.mp4");
        var clock = Stopwatch.StartNew();
        var results = await ProcessAsync(new { urls = cases.Select(c => c.Url).ToArray() });
        clock.Stop();

        Assert.That(results, Has.Length.EqualTo(cases.Length));
        for (var i = 0; i < cases.Length; i++)
        {
            var result = results[i];
            Assert.That(result.GetProperty("url").GetString(), Is.EqualTo(cases[i].Url), $"position {i}");
            var actual = result.GetProperty("status").GetString() == "ok" ? "ok" : ErrorCode(result);
            Assert.That(actual, Is.EqualTo(cases[i].Expected), $"{cases[i].Url}: {result}");
        }
        var clip = results[0].GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(clip.GetProperty("kind").GetString(), Is.EqualTo("video"));
            Assert.That(clip.GetProperty("width").GetInt32(), Is.EqualTo(MediaGenerator.Width));
            Assert.That(clip.GetProperty("duration").GetDouble(), Is.EqualTo(MediaGenerator.Seconds).Within(0.2));
            Assert.That(clip.GetProperty("url").GetString(), Does.Contain("sig="), "a signed URL");
            Assert.That(clip.GetProperty("thumbnail").GetString(), Does.Contain("poster").And.Contain("sig="),
                "the library's poster frame, signed");
            Assert.That(results[1].GetProperty("items")[0].GetProperty("thumbnail").ValueKind, Is.EqualTo(JsonValueKind.Null),
                "audio has a waveform, not a poster");
            Assert.That(results[0].GetProperty("cached").GetBoolean(), Is.False);
            Assert.That(results[1].GetProperty("items")[0].GetProperty("kind").GetString(), Is.EqualTo("audio"));
            Assert.That(results[9].GetProperty("error").GetProperty("retryable").GetBoolean(), Is.True, "a dropped connection is worth retrying");
            Assert.That(results[8].GetProperty("error").GetProperty("retryable").GetBoolean(), Is.True, "a timeout is worth retrying");
            Assert.That(results[2].GetProperty("error").GetProperty("retryable").GetBoolean(), Is.False);
            Assert.That(Server.Hits("/media/clip.mp4"), Is.EqualTo(plainClipHits),
                "the redirect to localhost and the direct localhost URL must never reach the server");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
        });
        Assert.That(Directory.Exists(TempRoot) ? Directory.GetFileSystemEntries(TempRoot) : [], Is.Empty, "temporary folders remain");
    }

    [Test]
    public async Task Process_WhenRedirectLeadsToTheAllowedOrigin_FollowsIt()
    {
        var results = await ProcessAsync(new { urls = new[] { Server.Url($"/redirect?to=http://{Server.Origin}/media/silent.mp4") } });
        Assert.That(results[0].GetProperty("status").GetString(), Is.EqualTo("ok"), results[0].ToString());
    }

    [Test]
    public async Task Process_WhenRedirectsGoPastTheLimit_AnswersFetchFailedNotRetryable_AndFollowsExactlyTheLimit()
    {
        var run = Guid.NewGuid().ToString("N");
        var results = await ProcessAsync(new
        {
            urls = new[]
            {
                Server.Url($"/hops/{MaxRedirects}/silent.mp4?limit=at-{run}"),
                Server.Url($"/hops/{MaxRedirects + 1}/silent.mp4?limit=over-{run}"),
            },
        });

        Assert.That(results[0].GetProperty("status").GetString(), Is.EqualTo("ok"), $"{MaxRedirects} redirects are allowed: {results[0]}");
        Assert.Multiple(() =>
        {
            Assert.That(ErrorCode(results[1]), Is.EqualTo("fetch.failed"), results[1].ToString());
            Assert.That(results[1].GetProperty("error").GetProperty("retryable").GetBoolean(), Is.False, "the same chain would be refused again");
            Assert.That(results[1].GetProperty("error").GetProperty("message").GetString(), Does.Contain("redirects"));
            Assert.That(Server.Hits($"/hops/1/silent.mp4?limit=over-{run}"), Is.EqualTo(1), "every hop up to the limit was followed");
            Assert.That(Server.Hits($"/hops/0/silent.mp4?limit=over-{run}"), Is.Zero, "the redirect past the limit is not followed");
        });
    }

    [Test]
    public async Task Process_WithEncodeBase64_InlinesAnItemUpToTheLimitByteForByte_AndNotOneOverIt()
    {
        var clip = await File.ReadAllBytesAsync(Server.FileOf("clip.mp4"));
        var longSize = new FileInfo(Server.FileOf("long.mp4")).Length;
        Assert.That(clip.LongLength, Is.EqualTo(MaxBase64Bytes), "the fixture puts the limit at exactly the clip's size");
        Assert.That(longSize, Is.GreaterThan(MaxBase64Bytes));

        var run = Guid.NewGuid().ToString("N");
        var urls = new[] { Server.Url($"/media/clip.mp4?b64={run}"), Server.Url($"/media/long.mp4?b64={run}") };
        var results = await ProcessAsync(new { urls, options = new { encode_base64 = true } });

        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("ok"), string.Join("\n", results));
        var atLimit = results[0].GetProperty("items")[0];
        var overLimit = results[1].GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(atLimit.GetProperty("base64").GetString()!), Is.EqualTo(clip), "a file of exactly the limit is inlined");
            Assert.That(overLimit.GetProperty("base64").ValueKind, Is.EqualTo(JsonValueKind.Null), "a larger file is not");
            Assert.That(overLimit.GetProperty("url").GetString(), Does.Contain("sig="), "it is still reachable by its signed URL");
        });

        var without = (await ProcessAsync(new { urls = new[] { urls[0] } }))[0];
        Assert.That(without.GetProperty("items")[0].GetProperty("base64").ValueKind, Is.EqualTo(JsonValueKind.Null), "only when asked");
    }

    [Test]
    public async Task DeleteCacheEntry_OfOnesOwnForgetsIt_AnotherUsersKeyIs404AndLeavesIt()
    {
        using var owner = await App.CreateUserAsync("editor");
        using var stranger = await App.CreateUserAsync("editor");
        var path = $"/media/audio.wav?forget={Guid.NewGuid():N}";
        var first = await ProcessAsync(new { urls = new[] { Server.Url(path), Server.Url("/missing") } }, owner.Http);
        var key = first[0].GetProperty("cache_key").GetString();
        Assert.That(key, Is.Not.Null.And.Not.Empty, first[0].ToString());
        Assert.That(first[1].GetProperty("cache_key").ValueKind, Is.EqualTo(JsonValueKind.Null), "errors are never cached, so they have no key");
        Assert.That(Server.Hits(path), Is.EqualTo(1));

        using (var theirs = await stranger.Http.DeleteAsync($"/api/v1/ingest/cache/{key}"))
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "someone else's entry does not exist for them");
        var kept = (await ProcessAsync(new { urls = new[] { Server.Url(path) } }, owner.Http))[0];
        Assert.That((kept.GetProperty("cached").GetBoolean(), kept.GetProperty("cache_key").GetString(), Server.Hits(path)), Is.EqualTo((true, key, 1)),
            "the stranger's delete left the entry");

        using (var mine = await owner.Http.DeleteAsync($"/api/v1/ingest/cache/{key!.ToUpperInvariant()}"))
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the key is hex; its case does not matter");
        using (var again = await owner.Http.DeleteAsync($"/api/v1/ingest/cache/{key}"))
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "it is gone");
        var fetched = (await ProcessAsync(new { urls = new[] { Server.Url(path) } }, owner.Http))[0];
        Assert.That((fetched.GetProperty("cached").GetBoolean(), Server.Hits(path)), Is.EqualTo((false, 2)), "forgotten: the next request fetches again");
    }

    [TestCase("{\"urls\": \"http://example.com/a.mp4\"}")]
    [TestCase("[\"http://example.com/a.mp4\"]")]
    [TestCase("{\"links\": []}")]
    [TestCase("{\"urls\": [], \"options\": {\"analyses\": [\"colour\"]}}")]
    [TestCase("{\"urls\": [], \"options\": {\"encode_base64\": \"yes please\"}}")]
    public async Task Process_WhenBodyHasTheWrongShape_Answers400(string body)
    {
        using var response = await App.Http.PostAsync("/api/v1/ingest/process", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), Is.EqualTo("request.invalid"));
    }

    [Test]
    public async Task Process_WhenMoreUrlsThanAllowed_Answers400()
    {
        using var response = await App.Http.PostAsJsonAsync("/api/v1/ingest/process", new { urls = Enumerable.Repeat("http://example.com/a.mp4", 21) });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Process_WhenAnElementIsNotAString_FailsOnlyThatPosition()
    {
        using var response = await App.Http.PostAsync("/api/v1/ingest/process",
            new StringContent($"{{\"urls\": [42, \"{Server.Url("/media/clip.mp4")}\"]}}", System.Text.Encoding.UTF8, "application/json"));
        var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(ErrorCode(results[0]), Is.EqualTo("link.invalid"));
        Assert.That(results[1].GetProperty("status").GetString(), Is.EqualTo("ok"), results[1].ToString());
    }

    [Test]
    public async Task Process_WhenCalledAgainWithinTheTtl_AnswersFromTheCacheWithoutFetching()
    {
        var path = $"/media/clip.mp4?cache={Guid.NewGuid():N}";
        var first = (await ProcessAsync(new { urls = new[] { Server.Url(path) }, options = new { encode_base64 = true } }))[0];
        Assert.That(first.GetProperty("cached").GetBoolean(), Is.False, first.ToString());
        Assert.That(Server.Hits(path), Is.EqualTo(1));

        // The same URL written differently (fragment, host case) is the same cache entry.
        var same = Server.Url(path).Replace("127.0.0.1", "127.0.0.1") + "#t=3";
        var second = (await ProcessAsync(new { urls = new[] { same }, options = new { encode_base64 = true } }))[0];
        Assert.Multiple(() =>
        {
            Assert.That(second.GetProperty("cached").GetBoolean(), Is.True, second.ToString());
            Assert.That(Server.Hits(path), Is.EqualTo(1), "a cached answer must not touch the server");
            Assert.That(second.GetProperty("items")[0].GetProperty("media_id").GetGuid(), Is.EqualTo(first.GetProperty("items")[0].GetProperty("media_id").GetGuid()));
            Assert.That(second.GetProperty("items")[0].GetProperty("url").GetString(), Is.Not.Null.And.Not.Empty, "signed URLs are minted on the way out");
            Assert.That(second.GetProperty("items")[0].GetProperty("base64").GetString(), Is.EqualTo(first.GetProperty("items")[0].GetProperty("base64").GetString()));
            Assert.That(second.GetProperty("took_ms").GetInt64(), Is.LessThan(1000));
        });

        await Task.Delay(TimeSpan.FromSeconds(CacheTtlSeconds + 0.5));
        var third = (await ProcessAsync(new { urls = new[] { Server.Url(path) } }))[0];
        Assert.That(third.GetProperty("cached").GetBoolean(), Is.False);
        Assert.That(Server.Hits(path), Is.EqualTo(2), "after the TTL the URL is fetched again");
    }

    [Test]
    public async Task CacheEndpoints_CountHitsAndLetAdminsClear()
    {
        var path = $"/media/silent.mp4?stats={Guid.NewGuid():N}";
        await ProcessAsync(new { urls = new[] { Server.Url(path) } });
        await ProcessAsync(new { urls = new[] { Server.Url(path) } });
        var stats = await App.GetJsonAsync<JsonElement>("/api/v1/ingest/cache/stats");
        Assert.That(stats.GetProperty("entries").GetInt64(), Is.GreaterThanOrEqualTo(1));
        Assert.That(stats.GetProperty("hits").GetInt64(), Is.GreaterThanOrEqualTo(1));

        using var viewer = await App.CreateUserAsync("viewer");
        using var viewerClear = await viewer.Http.DeleteAsync("/api/v1/ingest/cache");
        Assert.That(viewerClear.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var clear = await App.Http.DeleteAsync("/api/v1/ingest/cache");
        Assert.That(clear.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await App.GetJsonAsync<JsonElement>("/api/v1/ingest/cache/stats");
        Assert.That(after.GetProperty("entries").GetInt64(), Is.Zero);
        using var missing = await App.Http.DeleteAsync($"/api/v1/ingest/cache/{new string('a', 64)}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Process_WithSixSlowUrls_NeverFetchesMoreThanTheLimitAtOnce()
    {
        Server.ResetConcurrency();
        var urls = Enumerable.Range(0, 6).Select(i => Server.Url($"/media/silent.mp4?delay=400&n={i}&run={Guid.NewGuid():N}")).ToArray();
        var results = await ProcessAsync(new { urls });
        Assert.That(results.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("ok"), string.Join("\n", results));
        Assert.That(Server.MaxSimultaneous, Is.EqualTo(MaxConcurrentFetches), "at most (and, with six waiting, exactly) the limit at once");
    }

    [Test]
    public async Task Process_WhenAsync_AnswersAJobWhoseResultIsTheArray()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var response = await editor.Http.PostAsJsonAsync("/api/v1/ingest/process",
            new { urls = new[] { Server.Url($"/media/audio.wav?async={Guid.NewGuid():N}"), Server.Url("/missing") }, options = new { @async = true } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var job = JsonSerializer.Deserialize<JobApi.Job>(await response.Content.ReadAsStringAsync(), TestJson.Options)!;
        Assert.That(job.Module, Is.EqualTo("ingest"));

        var done = await JobApi.WaitForStatusAsync(editor.Http, job.Id, "succeeded", TimeSpan.FromSeconds(30));
        var result = done.Result!.Value;
        Assert.That(result.GetArrayLength(), Is.EqualTo(2));
        Assert.That(result[0].GetProperty("status").GetString(), Is.EqualTo("ok"), result.ToString());
        Assert.That(result[0].GetProperty("items")[0].GetProperty("kind").GetString(), Is.EqualTo("audio"));
        Assert.That(ErrorCode(result[1]), Is.EqualTo("content.unavailable"));
        Assert.That(done.Percent, Is.EqualTo(100));
        var item = await App.Services.GetRequiredService<MediaItemStore>().GetAsync(result[0].GetProperty("items")[0].GetProperty("media_id").GetGuid(), CancellationToken.None);
        Assert.That(item!.OwnerId, Is.EqualTo(editor.Id), "the job works for the caller");
    }

    [Test]
    public async Task Process_WhenTheClientGivesUpMidDownload_RemovesTheTemporaryFolder()
    {
        using var impatient = TestAccounts.KeyClient(App.BaseAddress, App.AdminKey);
        impatient.Timeout = TimeSpan.FromMilliseconds(700);
        Assert.That(async () => await impatient.PostAsJsonAsync("/api/v1/ingest/process",
            new { urls = new[] { Server.Url($"/media/clip.mp4?delay=1500&gone={Guid.NewGuid():N}") } }), Throws.InstanceOf<TaskCanceledException>());

        // The app notices the dropped request, cancels the download and deletes the folder; give it a moment.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Directory.GetFileSystemEntries(TempRoot).Length > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.That(Directory.GetFileSystemEntries(TempRoot), Is.Empty, "temporary folders remain after cancellation");
    }

    [Test]
    public async Task Process_WhenAnotherUserAsksForTheSameUrl_FetchesItForThem()
    {
        var path = $"/media/silent.mp4?owner={Guid.NewGuid():N}";
        await ProcessAsync(new { urls = new[] { Server.Url(path) } });
        using var editor = await App.CreateUserAsync("editor");
        var theirs = (await ProcessAsync(new { urls = new[] { Server.Url(path) } }, editor.Http))[0];
        Assert.That(theirs.GetProperty("cached").GetBoolean(), Is.False, "the cache is per owner");
        Assert.That(Server.Hits(path), Is.EqualTo(2));
    }

    [Test]
    public async Task Process_WhenCallerIsAViewer_IsForbidden()
    {
        using var viewer = await App.CreateUserAsync("viewer");
        using var response = await viewer.Http.PostAsJsonAsync("/api/v1/ingest/process", new { urls = new[] { Server.Url("/media/clip.mp4") } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
