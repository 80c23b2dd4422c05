using System.Text.Json.Nodes;

namespace Gilgamesh.Bench;

/// <summary>
/// The refused path of the API rate limiter (issue 13 item 12): the Release App binary with a limit of two API requests
/// a minute, so all but the first request of each route get 429; wrk -t2 -c32 on every list route in turn, and on
/// <c>/api/v1/jobs</c> (the anchor) in the same run, alternating. A refused request must cost the same whatever the
/// route: the goal is each route's p99 within 2× of the anchor's.
/// </summary>
internal sealed class RateLimitBench(BenchOptions options) : IBenchmark
{
    private const double GoalRatio = 2.0;

    private static readonly string[] Routes =
    [
        "/api/v1/ingest/items", "/api/v1/users", "/api/v1/keys", "/api/v1/audit", "/api/v1/modules",
    ];

    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 3;
        var dataDir = Machine.TempDir("ratelimit");
        try
        {
            // Two a minute: signing in and minting the key take the session's two; the key's own partition then refuses all but two a minute.
            await using var app = await AppRunner.StartAsync(options.AppDll, dataDir, Machine.FreePort(), TimeSpan.FromSeconds(180),
                TimeSpan.FromMilliseconds(100), new Dictionary<string, string> { ["Accounts__ApiRequestsPerMinute"] = "2" });
            Console.WriteLine($"app: dotnet {options.AppDll} on {app.BaseAddress}, API limit 2 requests/minute, ready in {app.ReadyMs / 1000:0.0} s");
            var key = await JobsGetBench.AdminKeyAsync(app.BaseAddress);
            string Url(string path) => new Uri(app.BaseAddress, path).ToString();

            Console.WriteLine("warm-up: 3 s each, not counted");
            foreach (var route in Routes.Prepend("/api/v1/jobs")) await WrkAsync(Url(route), 3, key);

            var anchor = new List<JobsGetBench.WrkResult>();
            var byRoute = Routes.ToDictionary(r => r, _ => new List<JobsGetBench.WrkResult>());
            for (var i = 1; i <= runs; i++)
            {
                foreach (var route in Routes)
                {
                    var a = await WrkAsync(Url("/api/v1/jobs"), options.WrkSeconds, key);
                    var r = await WrkAsync(Url(route), options.WrkSeconds, key);
                    anchor.Add(a);
                    byRoute[route].Add(r);
                    Console.WriteLine($"run {i}: {route,-28} {r.Rps,8:N0} req/s p50 {r.P50Ms,6:0.00} ms p99 {r.P99Ms,7:0.00} ms ({Refused(r)})"
                        + $"   |  /api/v1/jobs {a.Rps,8:N0} req/s p99 {a.P99Ms,7:0.00} ms ({Refused(a)})");
                }
            }
            var anchorP99 = Stats.Median(anchor.Select(r => r.P99Ms));
            var anchorRps = Stats.Median(anchor.Select(r => r.Rps));
            Console.WriteLine($"median: /api/v1/jobs (anchor) p99 {anchorP99:0.00} ms, {anchorRps:N0} req/s");
            result.Add("/api/v1/jobs 429 p99 median (anchor)", anchorP99, "ms");
            result.Add("/api/v1/jobs 429 req/s median (anchor)", anchorRps, "req/s");
            foreach (var (route, list) in byRoute)
            {
                var p99 = Stats.Median(list.Select(r => r.P99Ms));
                var rps = Stats.Median(list.Select(r => r.Rps));
                var ratio = p99 / anchorP99;
                Console.WriteLine($"median: {route} p99 {p99:0.00} ms, {rps:N0} req/s; p99 ratio to /api/v1/jobs {ratio:0.00}   goal <= {GoalRatio}");
                result.Add($"{route} 429 p99 median", p99, "ms");
                result.Add($"{route} 429 p99 / jobs 429 p99", ratio, "x", $"<= {GoalRatio}", ratio <= GoalRatio);
            }
            result.Details["command"] = $"wrk -t2 -c32 -d{options.WrkSeconds}s --latency -H 'X-Api-Key: …' <url>, Accounts__ApiRequestsPerMinute=2";
            result.Details["anchor"] = new JsonArray(anchor.Select(r => r.ToJson()).ToArray());
            foreach (var (route, list) in byRoute) result.Details[route] = new JsonArray(list.Select(r => r.ToJson()).ToArray());
        }
        finally
        {
            Machine.TryDeleteDirectory(dataDir);
        }
    }

    /// <summary>wrk counts every 429 as a non-2xx response: nearly all of them here.</summary>
    private static string Refused(JobsGetBench.WrkResult r) => $"{r.Errors:N0} non-2xx";

    private static async Task<JobsGetBench.WrkResult> WrkAsync(string url, int seconds, string apiKey)
    {
        var (code, stdout, stderr) = await Proc.RunAsync("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", "-H", $"X-Api-Key: {apiKey}", url]);
        if (code != 0) throw new InvalidOperationException($"wrk failed ({code}): {stderr}{stdout}");
        return JobsGetBench.ParseWrk(stdout);
    }
}
