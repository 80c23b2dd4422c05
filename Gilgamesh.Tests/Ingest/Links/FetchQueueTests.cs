using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>One fetch slot and one queue place: a request that cannot all fit is answered 429 as a whole.</summary>
public sealed class FetchQueueTests : LinksFixture
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Ingest:Links:MaxConcurrentFetches"] = "1",
        ["Ingest:Links:QueueLimit"] = "1",
    };

    [Test]
    public async Task Process_WhenTheQueueCannotHoldAllUrls_Answers429WithRetryAfter()
    {
        Server.ResetConcurrency();
        var busy = ProcessAsync(new { urls = new[] { Server.Url($"/media/clip.mp4?delay=1500&busy={Guid.NewGuid():N}") } });
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Server.MaxSimultaneous == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.That(Server.MaxSimultaneous, Is.EqualTo(1), "the first download holds the only slot");

        using var refused = await App.Http.PostAsJsonAsync("/api/v1/ingest/process",
            new { urls = new[] { Server.Url("/media/audio.wav?q=1"), Server.Url("/media/audio.wav?q=2") } });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null);
        Assert.That(JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString(), Is.EqualTo("request.rate_limited"));
        Assert.That(Server.Hits("/media/audio.wav?q=1"), Is.Zero, "a refused request fetches nothing");

        var queued = (await ProcessAsync(new { urls = new[] { Server.Url($"/media/audio.wav?queued={Guid.NewGuid():N}") } }))[0];
        Assert.That(queued.GetProperty("status").GetString(), Is.EqualTo("ok"), "one URL fits the queue and waits its turn");
        Assert.That((await busy)[0].GetProperty("status").GetString(), Is.EqualTo("ok"));
    }
}
