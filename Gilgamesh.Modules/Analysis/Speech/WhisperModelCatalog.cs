namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>One published Whisper export that <c>models pull</c> knows how to fetch.</summary>
internal sealed record WhisperExport(string Name, string Repository, string Description)
{
    /// <summary>(path in the Hugging Face repository, file name in the model folder); optional ones may be absent.</summary>
    public static readonly (string Remote, string Local, bool Required)[] Files =
    [
        ("onnx/encoder_model.onnx", WhisperExportSignature.EncoderFile, true),
        ("onnx/decoder_model_merged.onnx", WhisperExportSignature.DecoderFile, true),
        ("config.json", "config.json", true),
        ("generation_config.json", "generation_config.json", true),
        ("tokenizer.json", "tokenizer.json", true),
        ("vocab.json", "vocab.json", true),
        ("merges.txt", "merges.txt", false),
        ("added_tokens.json", "added_tokens.json", false),
        ("preprocessor_config.json", "preprocessor_config.json", false),
    ];

    public string Url(string remotePath) => $"https://huggingface.co/{Repository}/resolve/main/{remotePath}";
}

/// <summary>
/// The exports <c>models list</c> offers: Optimum-converted Whisper tiny, base and small, multilingual and
/// English-only (<c>.en</c>), as published by onnx-community for Transformers.js (Xenova's repositories hold
/// the same layout). Larger models work too when their files are put in a folder by hand.
/// </summary>
internal static class WhisperModelCatalog
{
    public static readonly IReadOnlyList<WhisperExport> Exports =
    [
        new("tiny", "onnx-community/whisper-tiny", "39 M parameters, multilingual, ~150 MB fp32"),
        new("tiny.en", "onnx-community/whisper-tiny.en", "39 M parameters, English only"),
        new("base", "onnx-community/whisper-base", "74 M parameters, multilingual, ~290 MB fp32"),
        new("base.en", "onnx-community/whisper-base.en", "74 M parameters, English only"),
        new("small", "onnx-community/whisper-small", "244 M parameters, multilingual, ~970 MB fp32"),
        new("small.en", "onnx-community/whisper-small.en", "244 M parameters, English only"),
    ];

    public static WhisperExport? Find(string name) => Exports.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder a named model lives in: the configured one for the configured model, else under the data dir.</summary>
    public static string FolderFor(string name, SpeechSettings settings, string dataDir) =>
        string.Equals(name, settings.Model, StringComparison.OrdinalIgnoreCase)
            ? settings.ResolveModelDirectory(dataDir)
            : Path.GetFullPath(Path.Combine(dataDir, "models", $"whisper-{name}"));
}
