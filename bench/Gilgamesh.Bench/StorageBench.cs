using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Bench;

/// <summary>
/// Local storage put and get of a 1 GiB stream against cp of the same file on the same file system.
/// cp and the put/get child process alternate, 3 times; medians. The child is this binary's hidden
/// `storage-child` verb under /usr/bin/time -v, for its peak RSS.
/// </summary>
internal sealed partial class StorageBench(BenchOptions options) : IBenchmark
{
    public const string ChildVerb = "storage-child";
    private const long Size = 1L << 30;
    private const double GoalRatio = 0.5;
    private const double GoalRssMb = 200;

    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 3;
        var work = Machine.TempDir("storage");
        try
        {
            var source = Path.Combine(work, "source.bin");
            var clock = Stopwatch.StartNew();
            var (ddCode, _, ddErr) = await Proc.RunAsync("dd", ["if=/dev/urandom", $"of={source}", "bs=4M", "count=256", "status=none"]);
            if (ddCode != 0 || new FileInfo(source).Length != Size) throw new InvalidOperationException($"dd failed: {ddErr}");
            Console.WriteLine($"source: {source}, 1 GiB from /dev/urandom in {clock.Elapsed.TotalSeconds:0.0} s (file system of {work}; page cache not dropped)");

            var benchDll = Path.Combine(AppContext.BaseDirectory, "Gilgamesh.Bench.dll");
            var cp = new List<double>();
            var put = new List<double>();
            var get = new List<double>();
            var rss = new List<double>();
            var getNull = new List<double>();
            for (var i = 1; i <= runs; i++)
            {
                var copy = Path.Combine(work, "cp-target.bin");
                clock.Restart();
                var (cpCode, _, cpErr) = await Proc.RunAsync("cp", [source, copy]);
                var cpSeconds = clock.Elapsed.TotalSeconds;
                if (cpCode != 0) throw new InvalidOperationException($"cp failed: {cpErr}");
                File.Delete(copy);

                var dataDir = Path.Combine(work, $"data-{i}");
                var getOut = Path.Combine(work, "get-target.bin");
                var (code, stdout, stderr) = await Proc.RunAsync("/usr/bin/time",
                    ["-v", "dotnet", benchDll, ChildVerb, "--source", source, "--data-dir", dataDir, "--get-out", getOut]);
                if (code != 0) throw new InvalidOperationException($"storage child failed ({code}):\n{stdout}\n{stderr}");
                var child = JsonNode.Parse(stdout.Trim().Split('\n').Last())!;
                var maxRssKb = double.Parse(MaxRss().Match(stderr).Groups[1].Value, CultureInfo.InvariantCulture);
                if ((long)child["bytes"]! != Size || new FileInfo(getOut).Length != Size)
                    throw new InvalidOperationException($"storage child moved the wrong number of bytes: {stdout}");
                File.Delete(getOut);
                Machine.TryDeleteDirectory(dataDir);

                cp.Add(Mbps(cpSeconds));
                put.Add(Mbps((double)child["putSeconds"]!));
                get.Add(Mbps((double)child["getSeconds"]!));
                rss.Add(maxRssKb / 1024);
                getNull.Add(Mbps((double)child["getToNullSeconds"]!));
                Console.WriteLine($"run {i}: cp {cp[^1],7:0} MB/s   put {put[^1],7:0} MB/s   get {get[^1],7:0} MB/s   child peak RSS {rss[^1]:0} MB   (diagnostic: get into Stream.Null {getNull[^1]:0} MB/s; {(double)child["dirtyBeforeGetMb"]!:0} MB dirty before get)");
            }
            var (cpM, putM, getM, rssM) = (Stats.Median(cp), Stats.Median(put), Stats.Median(get), rss.Max());
            Console.WriteLine($"median: cp {cpM:0} MB/s, put {putM:0} MB/s (put/cp {putM / cpM:0.00}), get {getM:0} MB/s (get/cp {getM / cpM:0.00})   goal ratio >= {GoalRatio}; peak RSS max {rssM:0} MB, goal <= {GoalRssMb} MB");
            Console.WriteLine("  (MB = 10^6 bytes; put includes the SHA-256 the store computes while streaming; peak RSS is the whole child: runtime + DI + put + get)");
            Console.WriteLine($"  diagnostic: get into Stream.Null (read side only) median {Stats.Median(getNull):0} MB/s");
            result.Add("cp MB/s median", cpM, "MB/s");
            result.Add("put MB/s median", putM, "MB/s");
            result.Add("get MB/s median", getM, "MB/s");
            result.Add("ratio put / cp", putM / cpM, "x", $">= {GoalRatio}", putM / cpM >= GoalRatio);
            result.Add("ratio get / cp", getM / cpM, "x", $">= {GoalRatio}", getM / cpM >= GoalRatio);
            result.Add("child peak RSS (max of runs)", rssM, "MB", $"<= {GoalRssMb} MB", rssM <= GoalRssMb);
            result.Details["cpMBps"] = Stats.ToJson(cp);
            result.Details["putMBps"] = Stats.ToJson(put);
            result.Details["getMBps"] = Stats.ToJson(get);
            result.Details["peakRssMB"] = Stats.ToJson(rss);
            result.Details["diagnosticGetToNullMBps"] = Stats.ToJson(getNull);
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    private static double Mbps(double seconds) => Size / seconds / 1e6;

    /// <summary>Dirty page cache (MB) waiting for writeback, from /proc/meminfo.</summary>
    private static double DirtyMb()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("Dirty:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\):\s*(\d+)")]
    private static partial Regex MaxRss();

    /// <summary>
    /// The child: IObjectStore from DI exactly as AddGilgameshStorage builds it (Storage:Provider=local),
    /// put of the source FileStream, then OpenReadAsync + CopyToAsync into a file. Prints one JSON line.
    /// </summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var (source, dataDir, getOut) = (Arg("--source"), Arg("--data-dir"), Arg("--get-out"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "local",
            ["Gilgamesh:DataDir"] = dataDir,
        }).Build();
        var services = new ServiceCollection().AddGilgameshStorage(configuration).BuildServiceProvider();
        // IObjectStore is internal to Gilgamesh.Modules; the bench calls it through reflection rather than
        // widening the product's InternalsVisibleTo. The per-call reflection cost is nil next to 1 GiB.
        var storeType = typeof(StorageOptions).Assembly.GetType("Gilgamesh.Modules.Kernel.Storage.IObjectStore", throwOnError: true)!;
        var store = services.GetRequiredService(storeType);
        var putMethod = storeType.GetMethod("PutAsync")!;
        var openMethod = storeType.GetMethod("OpenReadAsync")!;
        const string key = "bench/1gib.bin";

        var clock = Stopwatch.StartNew();
        object stored;
        await using (var content = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            var task = (Task)putMethod.Invoke(store, [key, content, "application/octet-stream", CancellationToken.None])!;
            await task;
            stored = task.GetType().GetProperty("Result")!.GetValue(task)!;
        }
        var putSeconds = clock.Elapsed.TotalSeconds;
        var bytes = (long)stored.GetType().GetProperty("Size")!.GetValue(stored)!;

        var dirtyBeforeGetMb = DirtyMb();
        clock.Restart();
        await using (var read = await (Task<Stream>)openMethod.Invoke(store, [key, null, CancellationToken.None])!)
        // The sink reserves its blocks as the store's own put does: on this ext4 an appending write otherwise runs at
        // a fifth of cp's speed, and that would be the bench's file, not the store's read side, being measured.
        await using (var output = new FileStream(getOut, new FileStreamOptions
                     {
                         Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0, PreallocationSize = bytes,
                     }))
        {
            await read.CopyToAsync(output, 1 << 20);
        }
        var getSeconds = clock.Elapsed.TotalSeconds;

        // Diagnostic, not a goal: the same get into Stream.Null separates the read side from the write side.
        clock.Restart();
        await using (var read = await (Task<Stream>)openMethod.Invoke(store, [key, null, CancellationToken.None])!)
            await read.CopyToAsync(Stream.Null);
        var getToNullSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new { putSeconds, getSeconds, getToNullSeconds, dirtyBeforeGetMb, bytes, store = store.GetType().Name }));
        return 0;
    }
}
