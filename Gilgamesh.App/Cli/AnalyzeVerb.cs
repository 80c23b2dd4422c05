using System.Text.Json;
using Gilgamesh.Modules.Analysis;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.App.Cli;

/// <summary><c>gilgamesh analyze &lt;engine&gt; &lt;file&gt; [--option value]</c>: run one engine and print JSON on stdout.</summary>
internal static class AnalyzeVerb
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var services = new ServiceCollection();
        services.Scan(s => s.FromAssemblyOf<IAnalysisCommand>()
            .AddClasses(c => c.AssignableTo<IAnalysisCommand>(), publicOnly: false).As<IAnalysisCommand>().WithSingletonLifetime());
        var configuration = VerbConfiguration.Build([]);
        services.AddSingleton(configuration);
        services.AddLogging();
        // Engines read media through the kernel's ffmpeg-based I/O.
        services.AddGilgameshMedia(configuration);
        services.AddGilgameshSpeech(configuration);
        await using var provider = services.BuildServiceProvider();
        var engines = provider.GetServices<IAnalysisCommand>().OrderBy(e => e.Engine).ToList();

        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: gilgamesh analyze <engine> <file> [--option value ...]");
            Console.Error.WriteLine(engines.Count == 0
                ? "No analysis engines are built into this version yet."
                : "Engines:\n" + string.Join("\n", engines.Select(e => $"  {e.Engine,-12} {e.Description}")));
            return 2;
        }

        var engine = engines.FirstOrDefault(e => e.Engine == args[0]);
        if (engine is null)
        {
            Console.Error.WriteLine($"gilgamesh: unknown engine '{args[0]}'; available: {(engines.Count == 0 ? "none yet" : string.Join(", ", engines.Select(e => e.Engine)))}");
            return 2;
        }
        if (!File.Exists(args[1]))
        {
            Console.Error.WriteLine($"gilgamesh: no such file '{args[1]}'");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var result = await engine.RunAsync(Path.GetFullPath(args[1]), ParseOptions(args[2..]), provider, cancel.Token);
        // Caption formats (analyze speech --format srt|vtt) print as they are; everything else as JSON.
        if (result is RawOutput raw) Console.Write(raw.Text);
        else Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) throw new ArgumentException($"Expected --option, got '{args[i]}'");
            var key = args[i][2..];
            options[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        }
        return options;
    }
}
