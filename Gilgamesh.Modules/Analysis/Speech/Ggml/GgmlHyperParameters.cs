namespace Gilgamesh.Modules.Analysis.Speech.Ggml;

/// <summary>
/// The eleven int32 values after the magic of a whisper.cpp model file, in file order. <see cref="FileType"/>
/// is ggml's ftype (0 f32, 1 f16, 2 q4_0, 3 q4_1, 7 q8_0, 8 q5_0, 9 q5_1 …) plus 1000 × the quantisation
/// version in quantised files.
/// </summary>
internal sealed record GgmlHyperParameters(
    int Vocab, int AudioContext, int AudioState, int AudioHeads, int AudioLayers,
    int TextContext, int TextState, int TextHeads, int TextLayers, int MelBins, int FileType)
{
    public const uint Magic = 0x67676d6c; // "ggml", little-endian

    /// <summary>whisper.cpp's rule: 51865 tokens and more (the 99/100 language tokens) is multilingual.</summary>
    public bool IsMultilingual => Vocab >= 51865;

    /// <summary>Tensors every complete file holds: 11 fixed, 15 per encoder block, 24 per decoder block.</summary>
    public int TensorCount => 11 + 15 * AudioLayers + 24 * TextLayers;

    /// <summary>The model's size class as whisper.cpp names it from the encoder depth.</summary>
    public string SizeName => AudioLayers switch
    {
        4 => "tiny",
        6 => "base",
        12 => "small",
        24 => "medium",
        32 => Vocab == 51866 ? "large-v3" : "large",
        _ => $"custom ({AudioLayers} encoder layers)",
    };

    public string WeightType => (FileType % 1000) switch
    {
        0 => "f32",
        1 => "f16",
        2 => "q4_0",
        3 => "q4_1",
        7 => "q8_0",
        8 => "q5_0",
        9 => "q5_1",
        var other => $"ftype {other}",
    };
}
