namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>Configuration section <c>Speech</c> (docs/configuration.md).</summary>
internal sealed class SpeechSettings
{
    public const string Section = "Speech";

    /// <summary>Export name as <c>models list</c> shows it (tiny, base.en, small …).</summary>
    public string Model { get; set; } = "base";

    /// <summary>Folder with the export's files; empty: <c>&lt;Gilgamesh:DataDir&gt;/models/whisper-&lt;Model&gt;</c>.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Language to force (ISO code); empty detects it per file.</summary>
    public string? Language { get; set; }

    /// <summary>ONNX Runtime intra-op threads; 0 lets it choose (all cores).</summary>
    public int Threads { get; set; }

    /// <summary>Text decoded over silences at least this long is dropped as a hallucination.</summary>
    public double LongSilenceSeconds { get; set; } = 2.0;

    public string ResolveModelDirectory(string dataDir) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(ModelDirectory) ? Path.Combine(dataDir, "models", $"whisper-{Model}") : ModelDirectory);
}
