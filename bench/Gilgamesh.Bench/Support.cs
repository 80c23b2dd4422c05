using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gilgamesh.Bench;

internal interface IBenchmark
{
    Task RunAsync(BenchResult result);
}

internal sealed class BenchOptions
{
    public static readonly string[] All = ["startup", "progress-latency", "pipelines", "jobs-get", "storage", "vectors", "rhythm", "silence", "scenes", "links", "speech", "speech-frontend", "upload", "choreography", "rate-limit", "smart-cut", "encode"];

    public const string Usage = """
        Usage: bench/run [benchmark ...] [options]

          (none) or all      every benchmark: startup, progress-latency, pipelines, jobs-get, storage, vectors, rhythm, silence, scenes, links, speech, speech-frontend, upload, choreography, rate-limit
          startup            start-to-ready of the Release App binary on an existing embedded cluster
          progress-latency   job progress report -> WebSocket client latency (in-process host)
          pipelines          scheduling overhead per step of a 1,000-step pipeline vs a plain Hangfire job (median of 3)
          jobs-get           wrk on GET /api/v1/jobs/{id} vs /health/live
          storage            1 GiB local put/get through IObjectStore vs cp, peak RSS
          vectors            100k × 512-d top-10: FAISS shim and managed vs python3-faiss, recall, bandwidth limit
          rhythm             tempo/beat accuracy and wall time vs aubio; a 3-minute song
          silence            analyze silence vs ffmpeg silencedetect on a generated 1 h file: time ratio, F1, peak RSS
          scenes             analyze scenes --mode mixed vs ffmpeg scdet on a generated 10 min 720p edit with slides:
                             time ratio, CPU, decode floor, F1 per kind
          links              20 delayed media URLs with fetch concurrency vs one at a time; cached answers p50/p95
          speech             Whisper real-time factor on 2 min of generated speech when GILGAMESH_SPEECH_MODEL
                             points at a real export; otherwise prints that it skipped and why
          speech-frontend    Whisper log-mel of 10 min of generated audio vs the numpy reference (python3-numpy): ratio
          upload             2 GiB generated WAV uploaded to the App (curl -T, chunked, HttpClient) vs cp; app peak RSS
          rate-limit         wrk on every list route over the API rate limit (all 429) next to /api/v1/jobs: p99 ratio

        Options:
          --runs N           repetitions where a benchmark takes a median (defaults: startup 5, jobs-get 3, storage 3, silence 3, scenes 3)
          --duration S       wrk seconds per run (default 10)
          --no-build         (bench/run) skip the Release build
          -h, --help         this text

        Figures print to stdout; a JSON copy goes to bench/out/<timestamp>.json.
        """;

    public List<string> Benchmarks { get; } = [];
    public string RepoRoot { get; private set; } = FindRepoRoot();
    public string? OutFile { get; private set; }
    public int? Runs { get; private set; }
    public int WrkSeconds { get; private set; } = 10;
    public bool Help { get; private set; }

    public string AppDll => Path.Combine(RepoRoot, "Gilgamesh.App", "bin", "Release", "net10.0", "Gilgamesh.App.dll");
    public string HelloDll => Path.Combine(RepoRoot, "bench", "HelloWorld", "bin", "Release", "net10.0", "HelloWorld.dll");

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "help": o.Help = true; break;
                case "--out": o.OutFile = args[++i]; break;
                case "--repo": o.RepoRoot = Path.GetFullPath(args[++i]); break;
                case "--runs": o.Runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--duration": o.WrkSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "all": o.Benchmarks.AddRange(All); break;
                case var name when All.Contains(name): o.Benchmarks.Add(name); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'\n{Usage}");
            }
        }
        if (o.Benchmarks.Count == 0) o.Benchmarks.AddRange(All);
        return o;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gilgamesh.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}

/// <summary>One figure of a benchmark, printed in the summary with its goal.</summary>
internal sealed record Row(string Metric, double Value, string Unit, string Goal = "", bool? Pass = null);

internal sealed class BenchResult(string name)
{
    public string Name { get; } = name;
    public List<Row> Rows { get; } = [];
    public JsonObject Details { get; } = [];
    public string? Error { get; set; }
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";
    public TimeSpan Elapsed { get; set; }

    public void Add(string metric, double value, string unit, string goal = "", bool? pass = null) =>
        Rows.Add(new Row(metric, value, unit, goal, pass));
}

internal sealed class BenchReport(BenchOptions options)
{
    private readonly List<BenchResult> _results = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private Stopwatch _clock = new();

    public bool AnyError => _results.Any(r => r.Error is not null);

    public BenchResult Begin(string name)
    {
        var r = new BenchResult(name) { LoadBefore = Machine.LoadAverage() };
        _results.Add(r);
        _clock = Stopwatch.StartNew();
        return r;
    }

    public void End(BenchResult r)
    {
        r.Elapsed = _clock.Elapsed;
        r.LoadAfter = Machine.LoadAverage();
    }

    public void PrintSummary()
    {
        Console.WriteLine();
        Console.WriteLine("=== summary ===  (shared machine: compare ratios, not absolute figures)");
        Console.WriteLine($"{"benchmark",-17} {"metric",-44} {"value",12} {"unit",-6} {"goal",-14} ok");
        foreach (var r in _results)
        {
            if (r.Error is not null) Console.WriteLine($"{r.Name,-17} ERROR: {r.Error.Split('\n')[0]}");
            foreach (var row in r.Rows)
            {
                var ok = row.Pass switch { true => "yes", false => "NO", null => "" };
                Console.WriteLine($"{r.Name,-17} {row.Metric,-44} {Fmt(row.Value),12} {row.Unit,-6} {row.Goal,-14} {ok}");
            }
        }
    }

    public void Write()
    {
        var file = options.OutFile ?? Path.Combine(options.RepoRoot, "bench", "out", $"{_started:yyyyMMdd-HHmmss}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var json = new JsonObject
        {
            ["startedUtc"] = _started.ToString("O"),
            ["machine"] = new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["commit"] = Machine.GitCommit(options.RepoRoot),
            },
            ["benchmarks"] = new JsonArray(_results.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["error"] = r.Error,
                ["elapsedSeconds"] = Math.Round(r.Elapsed.TotalSeconds, 1),
                ["loadAverageBefore"] = r.LoadBefore,
                ["loadAverageAfter"] = r.LoadAfter,
                ["figures"] = new JsonArray(r.Rows.Select(row => (JsonNode)new JsonObject
                {
                    ["metric"] = row.Metric, ["value"] = row.Value, ["unit"] = row.Unit, ["goal"] = row.Goal, ["pass"] = row.Pass,
                }).ToArray()),
                ["details"] = r.Details.DeepClone(),
            }).ToArray()),
        };
        File.WriteAllText(file, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"\nJSON: {file}");
    }

    internal static string Fmt(double v) => Math.Abs(v) >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static JsonArray ToJson(IEnumerable<double> values) => new(values.Select(v => (JsonNode)Math.Round(v, 4)).ToArray());
}

internal static partial class Machine
{
    public static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    public static string GitCommit(string repo)
    {
        try
        {
            var (code, stdout, _) = Proc.RunAsync("git", ["-C", repo, "rev-parse", "--short", "HEAD"]).GetAwaiter().GetResult();
            return code == 0 ? stdout.Trim() : "?";
        }
        catch (Exception) { return "?"; }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string TempDir(string purpose)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"gilgamesh-bench-{purpose}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void TryDeleteDirectory(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (Exception e) { Console.Error.WriteLine($"bench: could not delete {dir}: {e.Message}"); }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int sig);

    public static void SigTerm(int pid) => SysKill(pid, 15);
}

internal static class Proc
{
    /// <summary>Runs a program to completion and returns its exit code and output; <paramref name="environment"/> adds variables.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, string? workDir = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (workDir is not null) psi.WorkingDirectory = workDir;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
