namespace Gilgamesh.Modules.Analysis.Speech.Ggml;

/// <summary>One whisper.cpp model file <c>models pull</c> knows: <c>ggml-&lt;name&gt;.bin</c> in ggerganov/whisper.cpp on Hugging Face.</summary>
internal sealed record GgmlModel(string Name, string Description)
{
    public const string Repository = "ggerganov/whisper.cpp";

    public string FileName => $"ggml-{Name}.bin";

    public string Url => $"https://huggingface.co/{Repository}/resolve/main/{FileName}";
}

/// <summary>
/// The ggml models whisper.cpp publishes (the files its users already have on disk): tiny … large-v3-turbo,
/// English-only <c>.en</c>, and the quantised q5/q8 variants. They live in <c>&lt;DataDir&gt;/models/</c> under
/// their published file name; <c>Speech:Model</c> names the one to use.
/// </summary>
internal static class GgmlModelCatalog
{
    public static readonly IReadOnlyList<GgmlModel> Models =
    [
        new("tiny", "39 M parameters, multilingual, 75 MiB"),
        new("tiny.en", "39 M, English only, 75 MiB"),
        new("tiny-q5_1", "tiny quantised to 5 bits, 31 MiB"),
        new("tiny-q8_0", "tiny quantised to 8 bits, 42 MiB"),
        new("base", "74 M, multilingual, 142 MiB"),
        new("base.en", "74 M, English only, 142 MiB"),
        new("base-q5_1", "base quantised to 5 bits, 57 MiB"),
        new("base-q8_0", "base quantised to 8 bits, 78 MiB"),
        new("small", "244 M, multilingual, 466 MiB"),
        new("small.en", "244 M, English only, 466 MiB"),
        new("small-q5_1", "small quantised to 5 bits, 181 MiB"),
        new("small-q8_0", "small quantised to 8 bits, 252 MiB"),
        new("medium", "769 M, multilingual, 1.5 GiB"),
        new("medium.en", "769 M, English only, 1.5 GiB"),
        new("medium-q5_0", "medium quantised to 5 bits, 514 MiB"),
        new("medium-q8_0", "medium quantised to 8 bits, 785 MiB"),
        new("large-v2", "1550 M, multilingual, 2.9 GiB"),
        new("large-v3", "1550 M, multilingual (128 mel bins), 2.9 GiB"),
        new("large-v3-q5_0", "large-v3 quantised to 5 bits, 1.1 GiB"),
        new("large-v3-turbo", "809 M, 4 decoder layers, 1.5 GiB"),
        new("large-v3-turbo-q5_0", "large-v3-turbo quantised to 5 bits, 547 MiB"),
        new("large-v3-turbo-q8_0", "large-v3-turbo quantised to 8 bits, 834 MiB"),
    ];

    public static GgmlModel? Find(string name) => Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where a named model lives: the configured path for the configured model, else <c>&lt;DataDir&gt;/models/ggml-&lt;name&gt;.bin</c>.</summary>
    public static string PathFor(string name, SpeechSettings settings, string dataDir) =>
        string.Equals(name, settings.Model, StringComparison.OrdinalIgnoreCase)
            ? settings.ResolveGgmlModelPath(dataDir)
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDir, "models", $"ggml-{name}.bin"));
}
