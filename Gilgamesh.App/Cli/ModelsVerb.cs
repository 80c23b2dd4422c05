using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.App.Cli;

/// <summary>
/// <c>gilgamesh models list | pull &lt;name&gt; | verify [&lt;name&gt;]</c>: the speech models (Whisper exports)
/// this install knows, fetching one, and checking a folder's files and ONNX signatures.
/// </summary>
internal static class ModelsVerb
{
    private const string Usage = """
        Usage: gilgamesh models list                 known Whisper exports and which are installed
               gilgamesh models pull <name>          download an export into its model folder
               gilgamesh models verify [<name>]      open the model and check its files and ONNX inputs/outputs
                                                    (default: the configured Speech:Model / Speech:ModelDirectory)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = VerbConfiguration.Build(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=')).ToArray());
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var settings = configuration.GetSection(SpeechSettings.Section).Get<SpeechSettings>() ?? new SpeechSettings();
        var dataDir = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>()?.DataDir ?? new GilgameshOptions().DataDir;

        switch (positional.FirstOrDefault() ?? "list")
        {
            case "list":
                return List(settings, dataDir);
            case "pull" when positional.Length == 2:
                return await PullAsync(positional[1], settings, dataDir);
            case "verify":
                return Verify(positional.Length > 1 ? positional[1] : null, settings, dataDir);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int List(SpeechSettings settings, string dataDir)
    {
        Console.WriteLine($"configured: Speech:Model = {settings.Model}, folder {settings.ResolveModelDirectory(dataDir)}");
        Console.WriteLine();
        Console.WriteLine($"{"name",-10} {"installed",-10} {"folder",-50} source");
        foreach (var export in WhisperModelCatalog.Exports)
        {
            var folder = WhisperModelCatalog.FolderFor(export.Name, settings, dataDir);
            var installed = WhisperOnnxModel.MissingFiles(folder).Count == 0 ? "yes" : "no";
            Console.WriteLine($"{export.Name,-10} {installed,-10} {folder,-50} https://huggingface.co/{export.Repository} ({export.Description})");
        }
        return 0;
    }

    private static async Task<int> PullAsync(string name, SpeechSettings settings, string dataDir)
    {
        var export = WhisperModelCatalog.Find(name);
        if (export is null)
        {
            Console.Error.WriteLine($"gilgamesh: unknown model '{name}'; known: {string.Join(", ", WhisperModelCatalog.Exports.Select(e => e.Name))}");
            return 2;
        }
        var folder = WhisperModelCatalog.FolderFor(export.Name, settings, dataDir);
        Console.WriteLine($"pulling {export.Name} from https://huggingface.co/{export.Repository} into {folder}");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        await new WhisperModelDownloader(http, TimeSpan.FromSeconds(15)).PullAsync(export, folder, Console.Out, cancel.Token);
        return Verify(folder, $"{export.Name}");
    }

    private static int Verify(string? name, SpeechSettings settings, string dataDir)
    {
        var folder = name is null ? settings.ResolveModelDirectory(dataDir) : WhisperModelCatalog.FolderFor(name, settings, dataDir);
        return Verify(folder, name ?? settings.Model);
    }

    private static int Verify(string folder, string name)
    {
        // Open throws speech.model_missing / speech.model_invalid with the details; CommandLine prints them.
        using var model = WhisperOnnxModel.Open(folder, threads: 1);
        Console.WriteLine($"ok: {name} in {folder}: {model.Config.MelBins} mel bins, {model.Layers} decoder layers × {model.Heads} heads × {model.HeadDim}, "
            + $"{(model.Config.IsMultilingual ? $"{model.Tokenizer.Languages.Count} languages" : "English only")}, "
            + $"{(model.AlignmentHeads.Count > 0 ? $"word alignment from {model.AlignmentHeads.Count} cross-attention heads" : "approximate word times (no cross-attention outputs)")}, "
            + "signature matches the Whisper export layout");
        return 0;
    }
}
