namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>Configuration section <c>Speech</c> (docs/configuration.md).</summary>
internal sealed class SpeechSettings
{
    public const string Section = "Speech";

    /// <summary><c>auto</c> (ONNX on a working CUDA device, else Whisper.net), <c>whisper.net</c> or <c>onnx</c>.</summary>
    public string Engine { get; set; } = "auto";

    /// <summary>Model name as <c>models list</c> shows it (tiny, base.en, small, large-v3-turbo, base-q5_1 …).</summary>
    public string Model { get; set; } = "base";

    /// <summary>Folder with the export's files; empty: <c>&lt;Gilgamesh:DataDir&gt;/models/whisper-&lt;Model&gt;</c>.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>The Whisper.net ggml file; empty: <c>&lt;Gilgamesh:DataDir&gt;/models/ggml-&lt;Model&gt;.bin</c>.</summary>
    public string? GgmlModelPath { get; set; }

    /// <summary>Run Silero VAD first: the recognizer never hears non-speech, and text outside speech is dropped.</summary>
    public bool Vad { get; set; } = true;

    /// <summary>Language to force (ISO code); empty detects it per file.</summary>
    public string? Language { get; set; }

    /// <summary>ONNX Runtime intra-op threads; 0 lets it choose (all cores).</summary>
    public int Threads { get; set; }

    /// <summary>Text decoded over silences at least this long is dropped as a hallucination.</summary>
    public double LongSilenceSeconds { get; set; } = 2.0;

    public string ResolveGgmlModelPath(string dataDir) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(GgmlModelPath) ? Path.Combine(dataDir, "models", $"ggml-{Model}.bin") : GgmlModelPath);

    public string ResolveModelDirectory(string dataDir) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(ModelDirectory) ? Path.Combine(dataDir, "models", $"whisper-{Model}") : ModelDirectory);
}
