using Microsoft.ML.OnnxRuntime;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// The input/output contract of the Optimum / Transformers.js Whisper export that the engine drives:
/// <c>encoder_model.onnx</c>: input_features [batch, mels, 3000] → last_hidden_state [batch, 1500, d];
/// <c>decoder_model_merged.onnx</c>: input_ids [batch, seq], encoder_hidden_states [batch, 1500, d],
/// past_key_values.{i}.decoder|encoder.key|value [batch, heads, seq, head_dim], use_cache_branch [1]
/// → logits [batch, seq, vocab], present.{i}.decoder|encoder.key|value. Checked on open and by
/// <c>models verify</c>, so a different export fails with names instead of an opaque runtime error.
/// </summary>
internal static class WhisperExportSignature
{
    public const string EncoderFile = "encoder_model.onnx";
    public const string DecoderFile = "decoder_model_merged.onnx";

    public static readonly string[] Kinds = ["decoder.key", "decoder.value", "encoder.key", "encoder.value"];

    public static string Past(int layer, string kind) => $"past_key_values.{layer}.{kind}";

    public static string Present(int layer, string kind) => $"present.{layer}.{kind}";

    /// <summary>Cross-attention weights [batch, heads, seq, 1500] of a layer, output by "timestamped" exports only.</summary>
    public static string CrossAttentions(int layer) => $"cross_attentions.{layer}";

    /// <summary>Decoder layers, counted from the past_key_values inputs.</summary>
    public static int CountLayers(InferenceSession decoder) =>
        decoder.InputMetadata.Keys.Count(k => k.StartsWith("past_key_values.", StringComparison.Ordinal) && k.EndsWith(".decoder.key", StringComparison.Ordinal));

    /// <summary>Every mismatch with the expected contract, one readable line each; empty when it matches.</summary>
    public static IReadOnlyList<string> Check(InferenceSession encoder, InferenceSession decoder, int melBins)
    {
        var problems = new List<string>();
        Expect(problems, "encoder input", encoder.InputMetadata, "input_features", 3);
        Expect(problems, "encoder output", encoder.OutputMetadata, "last_hidden_state", 3);
        if (encoder.InputMetadata.TryGetValue("input_features", out var features) && features.Dimensions.Length == 3
            && features.Dimensions[1] > 0 && features.Dimensions[1] != melBins)
            problems.Add($"encoder input input_features has {features.Dimensions[1]} mel bins but config.json says {melBins}");

        Expect(problems, "decoder input", decoder.InputMetadata, "input_ids", 2);
        Expect(problems, "decoder input", decoder.InputMetadata, "encoder_hidden_states", 3);
        Expect(problems, "decoder input", decoder.InputMetadata, "use_cache_branch", 1);
        Expect(problems, "decoder output", decoder.OutputMetadata, "logits", 3);
        var layers = CountLayers(decoder);
        if (layers == 0) problems.Add("decoder input past_key_values.0.decoder.key missing (not a merged decoder with past key values?)");
        for (var i = 0; i < layers; i++)
        {
            foreach (var kind in Kinds)
            {
                Expect(problems, "decoder input", decoder.InputMetadata, Past(i, kind), 4);
                Expect(problems, "decoder output", decoder.OutputMetadata, Present(i, kind), 4);
            }
        }
        return problems;
    }

    private static void Expect(List<string> problems, string what, IReadOnlyDictionary<string, NodeMetadata> metadata, string name, int rank)
    {
        if (!metadata.TryGetValue(name, out var node)) problems.Add($"{what} {name} missing (has: {string.Join(", ", metadata.Keys.Take(8))}{(metadata.Count > 8 ? ", …" : "")})");
        else if (node.Dimensions.Length != rank) problems.Add($"{what} {name} has rank {node.Dimensions.Length}, expected {rank}");
    }
}
