using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Analysis.Speech.Ggml;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.App.Cli;

/// <summary>
/// <c>gilgamesh models list | pull &lt;name&gt; | verify [&lt;name&gt;|&lt;file&gt;]</c>: the speech models this install knows —
/// whisper.cpp ggml files for the Whisper.net engine (default) and Whisper ONNX exports (<c>onnx/&lt;name&gt;</c>) for
/// the ONNX engine — fetching one, and checking one (ggml: header, every tensor record, exact size; ONNX:
/// files and session signatures).
/// </summary>
internal static class ModelsVerb
{
    private const string OnnxPrefix = "onnx/";

    private const string Usage = """
        Usage: gilgamesh models list                     known models (ggml for Whisper.net, onnx/<name> exports) and which are installed
               gilgamesh models pull <name>              download ggml-<name>.bin into <DataDir>/models (offline: prints the URL and folder)
               gilgamesh models pull onnx/<name>         download an ONNX export into its model folder
               gilgamesh models verify [<name>|<file>]   check a ggml file's header and size, or an ONNX export's signatures
                                                        (default: the configured Speech:Model for the configured engine)
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
            case "pull" when positional.Length == 2 && positional[1].StartsWith(OnnxPrefix, StringComparison.OrdinalIgnoreCase):
                return await PullOnnxAsync(positional[1][OnnxPrefix.Length..], settings, dataDir);
            case "pull" when positional.Length == 2:
                return await PullGgmlAsync(positional[1], settings, dataDir);
            case "verify":
                return Verify(positional.Length > 1 ? positional[1] : null, settings, dataDir);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int List(SpeechSettings settings, string dataDir)
    {
        Console.WriteLine($"configured: Speech:Engine = {settings.Engine}, Speech:Model = {settings.Model}; ggml file {settings.ResolveGgmlModelPath(dataDir)}, ONNX folder {settings.ResolveModelDirectory(dataDir)}");
        Console.WriteLine();
        Console.WriteLine("Whisper.net (whisper.cpp ggml files):");
        Console.WriteLine($"{"name",-22} {"installed",-10} {"file",-60} source");
        foreach (var model in GgmlModelCatalog.Models)
        {
            var path = GgmlModelCatalog.PathFor(model.Name, settings, dataDir);
            Console.WriteLine($"{model.Name,-22} {(GgmlModelFile.HasMagic(path) ? "yes" : "no"),-10} {path,-60} {model.Url} ({model.Description})");
        }
        Console.WriteLine();
        Console.WriteLine("ONNX engine (Whisper ONNX exports, pull as onnx/<name>):");
        Console.WriteLine($"{"name",-22} {"installed",-10} {"folder",-60} source");
        foreach (var export in WhisperModelCatalog.Exports)
        {
            var folder = WhisperModelCatalog.FolderFor(export.Name, settings, dataDir);
            var installed = WhisperOnnxModel.MissingFiles(folder).Count == 0 ? "yes" : "no";
            Console.WriteLine($"{OnnxPrefix + export.Name,-22} {installed,-10} {folder,-60} https://huggingface.co/{export.Repository} ({export.Description})");
        }
        return 0;
    }

    private static async Task<int> PullGgmlAsync(string name, SpeechSettings settings, string dataDir)
    {
        var model = GgmlModelCatalog.Find(name);
        if (model is null)
        {
            Console.Error.WriteLine($"gilgamesh: unknown model '{name}'; known: {string.Join(", ", GgmlModelCatalog.Models.Select(m => m.Name))} (ONNX exports: onnx/<name>)");
            return 2;
        }
        var path = GgmlModelCatalog.PathFor(model.Name, settings, dataDir);
        Console.WriteLine($"pulling {model.Name} from {model.Url} into {path}");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = Cancellation();
        await new GgmlModelDownloader(http, TimeSpan.FromSeconds(15)).PullAsync(model, path, Console.Out, cancel.Token);
        return VerifyGgml(path);
    }

    private static async Task<int> PullOnnxAsync(string name, SpeechSettings settings, string dataDir)
    {
        var export = WhisperModelCatalog.Find(name);
        if (export is null)
        {
            Console.Error.WriteLine($"gilgamesh: unknown ONNX export '{name}'; known: {string.Join(", ", WhisperModelCatalog.Exports.Select(e => OnnxPrefix + e.Name))}");
            return 2;
        }
        var folder = WhisperModelCatalog.FolderFor(export.Name, settings, dataDir);
        Console.WriteLine($"pulling {export.Name} from https://huggingface.co/{export.Repository} into {folder}");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = Cancellation();
        await new WhisperModelDownloader(http, TimeSpan.FromSeconds(15)).PullAsync(export, folder, Console.Out, cancel.Token);
        return VerifyOnnx(folder, export.Name);
    }

    private static int Verify(string? name, SpeechSettings settings, string dataDir)
    {
        if (name is not null && File.Exists(name)) return VerifyGgml(Path.GetFullPath(name));
        if (name is not null && name.StartsWith(OnnxPrefix, StringComparison.OrdinalIgnoreCase))
            return VerifyOnnx(WhisperModelCatalog.FolderFor(name[OnnxPrefix.Length..], settings, dataDir), name);
        if (name is not null) return VerifyGgml(GgmlModelCatalog.PathFor(name, settings, dataDir));
        // The configured model for the configured engine: ONNX only when that engine is asked for by name.
        return string.Equals(settings.Engine, SpeechEngineChoice.Onnx, StringComparison.OrdinalIgnoreCase)
            ? VerifyOnnx(settings.ResolveModelDirectory(dataDir), settings.Model)
            : VerifyGgml(settings.ResolveGgmlModelPath(dataDir));
    }

    private static int VerifyGgml(string path)
    {
        // Verify throws speech.model_missing / speech.model_invalid naming the problem; CommandLine prints it.
        var summary = GgmlModelFile.Verify(path);
        var p = summary.Parameters;
        Console.WriteLine($"ok: {path}: ggml {p.SizeName}, {p.WeightType}, {p.AudioLayers}+{p.TextLayers} layers × {p.TextHeads} heads, width {p.TextState}, {p.MelBins} mel bins, "
            + $"{(p.IsMultilingual ? "multilingual" : "English only")}, {summary.Tensors} tensors, {summary.Bytes:N0} bytes (header and size check out)");
        return 0;
    }

    private static int VerifyOnnx(string folder, string name)
    {
        using var model = WhisperOnnxModel.Open(folder, threads: 1);
        Console.WriteLine($"ok: {name} in {folder}: {model.Config.MelBins} mel bins, {model.Layers} decoder layers × {model.Heads} heads × {model.HeadDim}, "
            + $"{(model.Config.IsMultilingual ? $"{model.Tokenizer.Languages.Count} languages" : "English only")}, "
            + $"{(model.AlignmentHeads.Count > 0 ? $"word alignment from {model.AlignmentHeads.Count} cross-attention heads" : "approximate word times (no cross-attention outputs)")}, "
            + "signature matches the Whisper export layout");
        return 0;
    }

    private static CancellationTokenSource Cancellation()
    {
        var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return cancel;
    }
}
