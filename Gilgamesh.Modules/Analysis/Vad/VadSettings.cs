namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>Configuration section <c>Vad</c> (docs/configuration.md, docs/analysis/vad.md).</summary>
internal sealed class VadSettings
{
    public const string Section = "Vad";
    public const string ModelFile = "silero_vad_16k_op15.onnx";

    /// <summary>The Silero VAD ONNX file; empty: the vendored copy next to the binaries (models/silero-vad/).</summary>
    public string? ModelPath { get; set; }

    /// <summary>Speech probability that opens a speech region (Silero's default 0.5).</summary>
    public double Threshold { get; set; } = 0.5;

    public string ResolveModelPath() =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(ModelPath) ? Path.Combine(AppContext.BaseDirectory, "models", "silero-vad", ModelFile) : ModelPath);
}
