using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gilgamesh.Bench;

/// <summary>
/// Start-to-ready of the Release App binary on an existing embedded cluster: the first start
/// (initdb, migrations) is not measured; then N restarts (SIGTERM, start, poll /health/ready every 20 ms).
/// Anchor: `dotnet HelloWorld.dll`, the runtime's start floor, run alternately with the restarts.
/// </summary>
internal sealed class StartupBench(BenchOptions options) : IBenchmark
{
    private const double GoalSeconds = 3.0;

    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 5;
        var dataDir = Machine.TempDir("startup");
        try
        {
            Console.WriteLine($"app: dotnet {options.AppDll}\ndata dir: {dataDir} (embedded cluster)");
            var first = Stopwatch.StartNew();
            await using (var init = await AppRunner.StartAsync(options.AppDll, dataDir, Machine.FreePort(), TimeSpan.FromSeconds(180), TimeSpan.FromMilliseconds(20)))
            {
                Console.WriteLine($"first start (initdb + migrations, not measured): {first.Elapsed.TotalSeconds:0.00} s");
            }
            await HelloAsync(); // warm the file cache for the anchor too

            var app = new List<double>();
            var listening = new List<double>();
            var hello = new List<double>();
            AppRunner? last = null;
            for (var i = 1; i <= runs; i++)
            {
                var h = await HelloAsync();
                hello.Add(h);
                var runner = await AppRunner.StartAsync(options.AppDll, dataDir, Machine.FreePort(), TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(20));
                app.Add(runner.ReadyMs / 1000);
                listening.Add(runner.ListeningMs / 1000);
                Console.WriteLine($"run {i}: app ready {runner.ReadyMs / 1000:0.000} s (first HTTP answer {runner.ListeningMs / 1000:0.000} s)   hello-world {h:0.000} s");
                await runner.StopAsync();
                last = runner;
                if (i < runs) await runner.DisposeAsync();
            }

            var median = Stats.Median(app);
            var helloMedian = Stats.Median(hello);
            Console.WriteLine($"median: app {median:0.000} s, hello-world anchor {helloMedian:0.000} s, ratio {median / helloMedian:0.0}x   goal <= {GoalSeconds} s");
            if (last is not null)
            {
                Console.WriteLine("timeline of the last run (ms since process start, from the app's own log lines):");
                var events = Timeline(last.Lines.Where(l => l.Ms <= last.ReadyMs)).ToList();
                events.Add((last.ReadyRequestSentMs, "(bench) the /health/ready request that got the first 200 was sent"));
                events.Add((last.ListeningMs, "(bench) first HTTP answer on /health/ready"));
                events.Add((last.ReadyMs, "(bench) /health/ready = 200: ready"));
                foreach (var (ms, line) in events.OrderBy(e => e.Ms)) Console.WriteLine($"  {ms,7:0} ms  {line}");
                await last.DisposeAsync();
            }

            result.Add("app start-to-ready median", median, "s", $"<= {GoalSeconds} s", median <= GoalSeconds);
            result.Add("hello-world anchor median", helloMedian, "s");
            result.Add("ratio app / hello-world", median / helloMedian, "x");
            result.Add("first HTTP answer median", Stats.Median(listening), "s");
            result.Details["appSeconds"] = Stats.ToJson(app);
            result.Details["firstHttpAnswerSeconds"] = Stats.ToJson(listening);
            result.Details["helloWorldSeconds"] = Stats.ToJson(hello);
        }
        finally
        {
            Machine.TryDeleteDirectory(dataDir);
        }
    }

    private async Task<double> HelloAsync()
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await Proc.RunAsync("dotnet", [options.HelloDll]);
        var seconds = clock.Elapsed.TotalSeconds;
        if (code != 0 || !stdout.Contains("hello")) throw new InvalidOperationException($"hello-world anchor failed ({code}): {stderr}");
        return seconds;
    }

    /// <summary>The app's JSON log lines reduced to "category: message", first 200 characters.</summary>
    private static IEnumerable<(double Ms, string Line)> Timeline(IEnumerable<(double Ms, string Line)> lines)
    {
        foreach (var (ms, line) in lines)
        {
            string text = line;
            try
            {
                if (JsonNode.Parse(line) is JsonObject o)
                    text = $"{o["Category"]}: {o["Message"]}";
            }
            catch (JsonException) { }
            yield return (ms, text.Length > 200 ? text[..200] : text);
        }
    }
}
