using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.App.Hosting;
using Gilgamesh.Tests.Ingest.Links;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Gilgamesh.Bench;

/// <summary>
/// URL processing: 20 media URLs on a local server that holds each download open for <see cref="DelayMs"/>, processed
/// as one request with the configured fetch concurrency vs one URL at a time (20 sequential single-URL requests) →
/// wall-time ratio; then ≥ 100 cached answers of one URL → p50/p95 latency (goal p95 ≤ 50 ms). In-process host on its
/// own embedded cluster; the server's origin is the only one the SSRF guard lets through.
/// </summary>
internal sealed class LinksBench : IBenchmark
{
    private const int Urls = 20;
    private const int DelayMs = 500;
    private const int Concurrency = 4;
    private const int CachedCalls = 200;
    private const double GoalCachedP95Ms = 50;

    public async Task RunAsync(BenchResult result)
    {
        var dataDir = Machine.TempDir("links");
        var port = Machine.FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var server = await MediaLinkServer.StartAsync();
        server.AddFile("clip.mp4", await MediaGenerator.VideoWithToneAsync(), "video/mp4");
        try
        {
            await using var app = await GilgameshHost.CreateAsync(["--urls", url], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gilgamesh:DataDir"] = dataDir,
                ["Logging:LogLevel:Default"] = "Error",
                ["Gilgamesh:Admin:Password"] = TestAccounts.AdminPassword,
                ["Accounts:ApiRequestsPerMinute"] = "100000000",
                ["Ingest:Links:AllowedHosts:0"] = server.Origin,
                ["Ingest:Links:MaxConcurrentFetches"] = Concurrency.ToString(CultureInfo.InvariantCulture),
            }));
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-Api-Key", await JobsGetBench.AdminKeyAsync(new Uri(url)));

            // Warm-up: JIT, connections, and the library item (later URLs dedupe to it, in both runs alike).
            await ProcessAsync(http, [server.Url("/media/clip.mp4?warmup=1")]);

            var run = Guid.NewGuid().ToString("N")[..8];
            var concurrent = Stopwatch.StartNew();
            await ProcessAsync(http, Enumerable.Range(0, Urls).Select(i => server.Url($"/media/clip.mp4?delay={DelayMs}&c={run}-{i}")).ToArray());
            concurrent.Stop();

            var sequential = Stopwatch.StartNew();
            for (var i = 0; i < Urls; i++) await ProcessAsync(http, [server.Url($"/media/clip.mp4?delay={DelayMs}&s={run}-{i}")]);
            sequential.Stop();

            var hitsBefore = server.Hits($"/media/clip.mp4?delay={DelayMs}&c={run}-0");
            var latencies = new List<double>(CachedCalls);
            var cachedUrlInRun = server.Url($"/media/clip.mp4?delay={DelayMs}&c={run}-0");
            for (var i = 0; i < CachedCalls; i++)
            {
                var clock = Stopwatch.StartNew();
                var answer = await ProcessAsync(http, [cachedUrlInRun]);
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                if (!answer[0].GetProperty("cached").GetBoolean()) throw new InvalidOperationException($"call {i} was not cached: {answer[0]}");
            }
            var serverHitsMoved = server.Hits($"/media/clip.mp4?delay={DelayMs}&c={run}-0") - hitsBefore;

            var ratio = sequential.Elapsed.TotalSeconds / concurrent.Elapsed.TotalSeconds;
            var p50 = Stats.Percentile(latencies, 50);
            var p95 = Stats.Percentile(latencies, 95);
            Console.WriteLine($"{Urls} URLs, each held {DelayMs} ms by the server: concurrency {Concurrency} in one request {concurrent.Elapsed.TotalSeconds:0.00} s, " +
                              $"one at a time {sequential.Elapsed.TotalSeconds:0.00} s → {ratio:0.00}x (server max simultaneous {server.MaxSimultaneous})");
            Console.WriteLine($"{CachedCalls} cached calls: p50 {p50:0.0} ms, p95 {p95:0.0} ms, max {latencies.Max():0.0} ms; server hits during them: {serverHitsMoved}");
            result.Add($"{Urls} URLs, concurrency {Concurrency}", concurrent.Elapsed.TotalSeconds, "s");
            result.Add($"{Urls} URLs, one at a time", sequential.Elapsed.TotalSeconds, "s");
            result.Add("speed-up (one at a time / concurrent)", ratio, "x", $">= {Concurrency * 0.7:0.0}", ratio >= Concurrency * 0.7);
            result.Add("server max simultaneous downloads", server.MaxSimultaneous, "", $"<= {Concurrency}", server.MaxSimultaneous <= Concurrency);
            result.Add("cached answer p50", p50, "ms");
            result.Add("cached answer p95", p95, "ms", $"<= {GoalCachedP95Ms}", p95 <= GoalCachedP95Ms);
            result.Add("server hits during cached calls", serverHitsMoved, "", "0", serverHitsMoved == 0);
            result.Details["cachedLatenciesMs"] = Stats.ToJson(latencies);
            await app.StopAsync();
        }
        finally
        {
            Machine.TryDeleteDirectory(dataDir);
        }
    }

    private static async Task<JsonElement[]> ProcessAsync(HttpClient http, string[] urls)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/ingest/process", new { urls });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"process → {(int)response.StatusCode}: {text}");
        var results = JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
        if (results.FirstOrDefault(r => r.GetProperty("status").GetString() != "ok") is { ValueKind: JsonValueKind.Object } failed)
            throw new InvalidOperationException($"a URL failed: {failed}");
        return results;
    }
}
