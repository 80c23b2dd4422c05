using Gilgamesh.Bench;

// Entry: `Gilgamesh.Bench [all|startup|progress-latency|jobs-get|storage ...] [--out file.json] [--repo dir]`.
// `storage-child` is the hidden verb the storage benchmark runs under /usr/bin/time -v.
if (args.Length > 0 && args[0] == StorageBench.ChildVerb) return await StorageBench.ChildAsync(args[1..]);

var options = BenchOptions.Parse(args);
if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
var report = new BenchReport(options);
foreach (var name in options.Benchmarks)
{
    IBenchmark bench = name switch
    {
        "startup" => new StartupBench(options),
        "progress-latency" => new ProgressLatencyBench(),
        "pipelines" => new PipelineOverheadBench(),
        "jobs-get" => new JobsGetBench(options),
        "rate-limit" => new RateLimitBench(options),
        "storage" => new StorageBench(options),
        "vectors" => new VectorsBench(options),
        "rhythm" => new RhythmBench(),
        "silence" => new SilenceBench(options),
        "scenes" => new ScenesBench(options),
        "links" => new LinksBench(),
        "speech" => new SpeechBench(),
        "speech-frontend" => new SpeechFrontendBench(options),
        "upload" => new UploadBench(options),
        "encode" => new EncodeBench(options),
        "smart-cut" => new SmartCutBench(options),
        "choreography" => new ChoreographyBench(options),
        _ => throw new ArgumentException($"unknown benchmark '{name}'"),
    };
    Console.WriteLine($"\n=== {name} ===  (load average {Machine.LoadAverage()})");
    var result = report.Begin(name);
    try
    {
        await bench.RunAsync(result);
    }
    catch (Exception e)
    {
        result.Error = e.ToString();
        Console.Error.WriteLine($"bench: {name} failed: {e}");
    }
    report.End(result);
}
report.PrintSummary();
report.Write();
return report.AnyError ? 1 : 0;
