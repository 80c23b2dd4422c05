using System.Text.Json;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// The fields of an export's <c>config.json</c> and <c>generation_config.json</c> that decoding needs.
/// Token ids come from the tokenizer; these only say what the model expects (mel bins, layers, heads)
/// and which tokens the reference decoder suppresses.
/// </summary>
internal sealed record WhisperModelConfig(
    int MelBins,
    int DecoderLayers,
    int DecoderHeads,
    int DModel,
    int MaxTargetPositions,
    bool IsMultilingual,
    IReadOnlyList<int> SuppressTokens,
    int MaxInitialTimestampIndex,
    IReadOnlyList<(int Layer, int Head)> AlignmentHeads)
{
    public int HeadDim => DModel / DecoderHeads;

    public static WhisperModelConfig Load(string folder)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "config.json")));
        var c = config.RootElement;
        var generationPath = Path.Combine(folder, "generation_config.json");
        using var generation = JsonDocument.Parse(File.Exists(generationPath) ? File.ReadAllBytes(generationPath) : "{}"u8.ToArray());
        var g = generation.RootElement;

        int Int(JsonElement e, string name, int fallback) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;
        var suppress = new List<int>();
        foreach (var source in new[] { g, c })
            if (source.TryGetProperty("suppress_tokens", out var s) && s.ValueKind == JsonValueKind.Array && suppress.Count == 0)
                suppress.AddRange(s.EnumerateArray().Select(v => v.GetInt32()).Where(v => v >= 0));
        var dModel = Int(c, "d_model", 384);
        return new WhisperModelConfig(
            Int(c, "num_mel_bins", 80),
            Int(c, "decoder_layers", 4),
            Int(c, "decoder_attention_heads", 6),
            dModel,
            Int(c, "max_target_positions", 448),
            g.TryGetProperty("is_multilingual", out var multi) ? multi.GetBoolean() : Int(c, "vocab_size", 51865) >= 51865,
            suppress,
            Int(g, "max_initial_timestamp_index", 50),
            g.TryGetProperty("alignment_heads", out var heads) && heads.ValueKind == JsonValueKind.Array
                ? heads.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).ToList()
                : []);
    }
}
