using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gilgamesh.Bench;

/// <summary>
/// Throughput and tail latency of GET /api/v1/jobs/{id} (a finished self-test job with its log lines)
/// against the Release App binary on its embedded cluster, with wrk -t2 -c32 on loopback. Anchor in the
/// same run: /health/live (no database). Runs alternate anchor / endpoint; medians of each.
/// </summary>
internal sealed partial class JobsGetBench(BenchOptions options) : IBenchmark
{
    private const double GoalRps = 5000;
    private const double GoalP99Ms = 20;

    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 3;
        var dataDir = Machine.TempDir("jobsget");
        try
        {
            await using var app = await AppRunner.StartAsync(options.AppDll, dataDir, Machine.FreePort(), TimeSpan.FromSeconds(180), TimeSpan.FromMilliseconds(100));
            Console.WriteLine($"app: dotnet {options.AppDll} on {app.BaseAddress} (embedded cluster in {dataDir}), ready in {app.ReadyMs / 1000:0.0} s");
            var key = await AdminKeyAsync(app.BaseAddress);
            var id = await CreateFinishedJobAsync(app.BaseAddress, key);
            var jobUrl = new Uri(app.BaseAddress, $"/api/v1/jobs/{id}").ToString();
            var liveUrl = new Uri(app.BaseAddress, "/health/live").ToString();
            using (var http = Gilgamesh.Tests.Support.TestAccounts.KeyClient(app.BaseAddress, key))
            {
                var body = await http.GetStringAsync(jobUrl);
                Console.WriteLine($"job {id}: response {body.Length} bytes, {JsonNode.Parse(body)!["logs"]!.AsArray().Count} log lines");
            }

            Console.WriteLine("warm-up: 3 s each, not counted");
            await WrkAsync(liveUrl, 3);
            await WrkAsync(jobUrl, 3, key);

            var cpuApp = new List<double>();
            var cpuPg = new List<double>();
            var live = new List<WrkResult>();
            var job = new List<WrkResult>();
            for (var i = 1; i <= runs; i++)
            {
                var l = await WrkAsync(liveUrl, options.WrkSeconds);
                var before = CpuAccounting.Sample(app.Pid, dataDir);
                var j = await WrkAsync(jobUrl, options.WrkSeconds, key);
                var after = CpuAccounting.Sample(app.Pid, dataDir);
                var requests = j.Rps * options.WrkSeconds;
                cpuApp.Add((after.App - before.App) * 1e6 / requests);
                cpuPg.Add((after.Postgres - before.Postgres) * 1e6 / requests);
                live.Add(l);
                job.Add(j);
                Console.WriteLine($"run {i}: jobs-get {j.Rps,9:N0} req/s p99 {j.P99Ms,6:0.00} ms{j.ErrorText} (CPU/request: app {cpuApp[^1]:0} us, postgres {cpuPg[^1]:0} us)   |  /health/live {l.Rps,9:N0} req/s p99 {l.P99Ms,6:0.00} ms{l.ErrorText}");
            }
            var rps = Stats.Median(job.Select(r => r.Rps));
            var p99 = Stats.Median(job.Select(r => r.P99Ms));
            var p50 = Stats.Median(job.Select(r => r.P50Ms));
            var liveRps = Stats.Median(live.Select(r => r.Rps));
            var liveP99 = Stats.Median(live.Select(r => r.P99Ms));
            Console.WriteLine($"median: jobs-get {rps:N0} req/s (p50 {p50:0.00} ms, p99 {p99:0.00} ms); /health/live anchor {liveRps:N0} req/s (p99 {liveP99:0.00} ms); ratio {rps / liveRps:0.00}   goal >= {GoalRps:N0} req/s, p99 <= {GoalP99Ms} ms");
            result.Add("jobs-get req/s median", rps, "req/s", $">= {GoalRps:N0}", rps >= GoalRps);
            result.Add("jobs-get p99 median", p99, "ms", $"<= {GoalP99Ms} ms", p99 <= GoalP99Ms);
            result.Add("jobs-get p50 median", p50, "ms");
            Console.WriteLine($"CPU per jobs-get request (median): app {Stats.Median(cpuApp):0} us, postgres {Stats.Median(cpuPg):0} us; "
                + $"on {Environment.ProcessorCount} cores that alone caps throughput near {Environment.ProcessorCount * 1e6 / (Stats.Median(cpuApp) + Stats.Median(cpuPg)):N0} req/s (wrk and other users take their share too)");
            result.Add("CPU per request: app", Stats.Median(cpuApp), "us");
            result.Add("CPU per request: postgres", Stats.Median(cpuPg), "us");
            result.Add("/health/live anchor req/s median", liveRps, "req/s");
            result.Add("/health/live anchor p99 median", liveP99, "ms");
            result.Add("ratio jobs-get / live (req/s)", rps / liveRps, "x");
            result.Details["command"] = $"wrk -t2 -c32 -d{options.WrkSeconds}s --latency <url>";
            result.Details["jobsGet"] = new JsonArray(job.Select(r => r.ToJson()).ToArray());
            result.Details["healthLive"] = new JsonArray(live.Select(r => r.ToJson()).ToArray());
            if (job.Concat(live).Any(r => r.Errors > 0)) result.Error = "wrk reported non-2xx responses or socket errors";
        }
        finally
        {
            Machine.TryDeleteDirectory(dataDir);
        }
    }

    /// <summary>Starts the kernel's self-test job (1 s) and waits until it has succeeded.</summary>
    internal static async Task<string> AdminKeyAsync(Uri baseAddress)
    {
        using var session = await Gilgamesh.Tests.Support.TestAccounts.SignInAsync(baseAddress,
            Gilgamesh.Tests.Support.TestAccounts.AdminUser, Gilgamesh.Tests.Support.TestAccounts.AdminPassword);
        return await Gilgamesh.Tests.Support.TestAccounts.CreateKeyAsync(session, "bench");
    }

    private static async Task<Guid> CreateFinishedJobAsync(Uri baseAddress, string key)
    {
        using var http = Gilgamesh.Tests.Support.TestAccounts.KeyClient(baseAddress, key);
        using var response = await http.PostAsJsonAsync("/api/v1/jobs/selftest", new { durationSeconds = 1 });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}");
            var status = job.GetProperty("status").GetString();
            if (status == "succeeded") return id;
            if (status is "failed" or "cancelled") throw new InvalidOperationException($"self-test job {id} {status}: {job}");
            await Task.Delay(200);
        }
        throw new TimeoutException($"self-test job {id} did not finish");
    }

    internal sealed record WrkResult(double Rps, double P50Ms, double P99Ms, long Errors, string Raw)
    {
        public string ErrorText => Errors > 0 ? $" ({Errors} errors)" : "";
        public JsonNode ToJson() => new JsonObject { ["rps"] = Rps, ["p50Ms"] = P50Ms, ["p99Ms"] = P99Ms, ["errors"] = Errors };
    }

    private static async Task<WrkResult> WrkAsync(string url, int seconds, string? apiKey = null)
    {
        string[] auth = apiKey is null ? [] : ["-H", $"X-Api-Key: {apiKey}"];
        var (code, stdout, stderr) = await Proc.RunAsync("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", .. auth, url]);
        if (code != 0) throw new InvalidOperationException($"wrk failed ({code}): {stderr}{stdout}");
        return ParseWrk(stdout);
    }

    internal static WrkResult ParseWrk(string output)
    {
        var rps = double.Parse(RpsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        double Pct(string p)
        {
            var m = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) return double.NaN;
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "ms" => v, _ => v * 1000 };
        }
        long errors = 0;
        var non2xx = Non2xx().Match(output);
        if (non2xx.Success) errors += long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        var socket = SocketErrors().Match(output);
        if (socket.Success) errors += socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        return new WrkResult(rps, Pct("50"), Pct("99"), errors, output);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
