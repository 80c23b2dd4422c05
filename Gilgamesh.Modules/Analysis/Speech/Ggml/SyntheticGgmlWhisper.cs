using System.Text;

namespace Gilgamesh.Modules.Analysis.Speech.Ggml;

/// <summary>
/// Shape and behaviour of a synthetic whisper.cpp model. <see cref="Script"/> maps a decoder position to the
/// token the model answers there; positions past its end answer nothing in particular (random weights).
/// </summary>
internal sealed record SyntheticGgmlSpec
{
    public int State { get; init; } = 64;
    public int Heads { get; init; } = 2;
    public int AudioLayers { get; init; } = 1;
    public int TextLayers { get; init; } = 1;
    public int Vocab { get; init; } = 51865;
    public int MelBins { get; init; } = 80;
    public int Seed { get; init; } = 19;
    public IReadOnlyList<int?> Script { get; init; } = [];
    /// <summary>Token strings to put at given ids (the rest are "t&lt;id&gt;").</summary>
    public IReadOnlyDictionary<int, string> Words { get; init; } = new Dictionary<int, string>();
}

/// <summary>
/// Writes whisper.cpp model files with real layout and tiny random weights: the fixture that lets Whisper.net
/// run end to end on a machine that cannot download real weights, and the bench's "same dimensions" model.
/// The file is the one whisper.cpp's loader reads (magic, hyper parameters, Slaney mel filters, vocabulary,
/// named tensors; f16 matrices, f32 vectors). A script makes the decoder deterministic: every decoder block
/// adds only small random values, the decoder's positional embedding at position p is a large vector along
/// a direction of its own (one per distinct scripted token), and the scripted token's embedding points the
/// same way; the final layer norm then leaves that direction, and the tied output projection gives that
/// token a logit near 24 against ≲ 1 for every other — so the model "says" the script whatever the audio.
/// </summary>
internal static class SyntheticGgmlWhisper
{
    public const int AudioContext = 1500;
    public const int TextContext = 448;
    private const float PositionScale = 30f;
    private const float TokenScale = 3f;
    private const float NoiseScale = 0.02f;

    /// <summary>Multilingual ids (51865-token vocabulary), as whisper.cpp numbers them.</summary>
    public const int EndOfText = 50257;
    public const int StartOfTranscript = 50258;
    public const int FirstLanguage = 50259; // en; de is +2
    public const int TimestampBegin = 50364; // <|0.00|>; each next id is 0.02 s later
    public const int BlankToken = 220;

    public static void Write(string path, SyntheticGgmlSpec spec)
    {
        var random = new Random(spec.Seed);
        var d = spec.State;
        var roles = spec.Script.Where(t => t is not null).Select(t => t!.Value).Distinct().ToList();
        if (2 * roles.Count > d) throw new ArgumentException($"{roles.Count} distinct scripted tokens need a state of at least {2 * roles.Count}");

        var part = path + ".part";
        using (var stream = new BufferedStream(File.Create(part), 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(GgmlHyperParameters.Magic);
            foreach (var value in new[] { spec.Vocab, AudioContext, d, spec.Heads, spec.AudioLayers, TextContext, d, spec.Heads, spec.TextLayers, spec.MelBins, 1 })
                writer.Write(value);

            var filters = new SlaneyMelFilters(WhisperLogMel.SampleRate, 400, spec.MelBins);
            writer.Write(filters.Bands);
            writer.Write(filters.Bins);
            for (var m = 0; m < filters.Bands; m++)
                for (var b = 0; b < filters.Bins; b++) writer.Write((float)filters.Weights[m, b]);

            var textTokens = spec.Vocab >= 51865 ? EndOfText : EndOfText - 1;
            writer.Write(textTokens);
            for (var id = 0; id < textTokens; id++)
            {
                // whisper.cpp looks up " " (GPT-2's 220) to suppress a blank start; every other id gets a filler token of its own.
                var bytes = Encoding.UTF8.GetBytes(spec.Words.TryGetValue(id, out var word) ? word : id == BlankToken ? " " : $"t{id}");
                writer.Write((uint)bytes.Length);
                writer.Write(bytes);
            }

            float[] Noise(int n, float scale = NoiseScale) => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
            float[] Fill(int n, float value) => Enumerable.Repeat(value, n).ToArray();

            Tensor(writer, "encoder.positional_embedding", [d, AudioContext], Noise(d * AudioContext), f16: false);
            Tensor(writer, "encoder.conv1.weight", [3, spec.MelBins, d], Noise(3 * spec.MelBins * d), f16: true);
            Tensor(writer, "encoder.conv1.bias", [1, d], Noise(d), f16: false);
            Tensor(writer, "encoder.conv2.weight", [3, d, d], Noise(3 * d * d), f16: true);
            Tensor(writer, "encoder.conv2.bias", [1, d], Noise(d), f16: false);
            Tensor(writer, "encoder.ln_post.weight", [d], Fill(d, 1), f16: false);
            Tensor(writer, "encoder.ln_post.bias", [d], Fill(d, 0), f16: false);
            for (var i = 0; i < spec.AudioLayers; i++) Block(writer, $"encoder.blocks.{i}", d, Noise, Fill, cross: false);

            // Position p points along its token's direction; unscripted positions carry noise only.
            var position = Noise(d * TextContext);
            var embedding = Noise(d * spec.Vocab);
            for (var p = 0; p < spec.Script.Count && p < TextContext; p++)
            {
                if (spec.Script[p] is not { } token) continue;
                var role = roles.IndexOf(token);
                position[p * d + 2 * role] += PositionScale;
                position[p * d + 2 * role + 1] -= PositionScale;
            }
            foreach (var (token, role) in roles.Select((t, r) => (t, r)))
            {
                embedding[token * d + 2 * role] = TokenScale;
                embedding[token * d + 2 * role + 1] = -TokenScale;
            }
            Tensor(writer, "decoder.positional_embedding", [d, TextContext], position, f16: false);
            Tensor(writer, "decoder.token_embedding.weight", [d, spec.Vocab], embedding, f16: true);
            Tensor(writer, "decoder.ln.weight", [d], Fill(d, 1), f16: false);
            Tensor(writer, "decoder.ln.bias", [d], Fill(d, 0), f16: false);
            for (var i = 0; i < spec.TextLayers; i++) Block(writer, $"decoder.blocks.{i}", d, Noise, Fill, cross: true);
        }
        File.Move(part, path, overwrite: true);
    }

    private static void Block(BinaryWriter writer, string prefix, int d, Func<int, float, float[]> noise, Func<int, float, float[]> fill, bool cross)
    {
        float[] Small(int n) => noise(n, NoiseScale);
        Tensor(writer, $"{prefix}.mlp_ln.weight", [d], fill(d, 1), f16: false);
        Tensor(writer, $"{prefix}.mlp_ln.bias", [d], fill(d, 0), f16: false);
        Tensor(writer, $"{prefix}.mlp.0.weight", [d, 4 * d], Small(4 * d * d), f16: true);
        Tensor(writer, $"{prefix}.mlp.0.bias", [4 * d], Small(4 * d), f16: false);
        Tensor(writer, $"{prefix}.mlp.2.weight", [4 * d, d], Small(4 * d * d), f16: true);
        Tensor(writer, $"{prefix}.mlp.2.bias", [d], Small(d), f16: false);
        Attention(writer, $"{prefix}.attn", $"{prefix}.attn_ln", d, Small, fill);
        if (cross) Attention(writer, $"{prefix}.cross_attn", $"{prefix}.cross_attn_ln", d, Small, fill);
    }

    private static void Attention(BinaryWriter writer, string prefix, string norm, int d, Func<int, float[]> small, Func<int, float, float[]> fill)
    {
        Tensor(writer, $"{norm}.weight", [d], fill(d, 1), f16: false);
        Tensor(writer, $"{norm}.bias", [d], fill(d, 0), f16: false);
        Tensor(writer, $"{prefix}.query.weight", [d, d], small(d * d), f16: true);
        Tensor(writer, $"{prefix}.query.bias", [d], small(d), f16: false);
        Tensor(writer, $"{prefix}.key.weight", [d, d], small(d * d), f16: true);
        Tensor(writer, $"{prefix}.value.weight", [d, d], small(d * d), f16: true);
        Tensor(writer, $"{prefix}.value.bias", [d], small(d), f16: false);
        Tensor(writer, $"{prefix}.out.weight", [d, d], small(d * d), f16: true);
        Tensor(writer, $"{prefix}.out.bias", [d], small(d), f16: false);
    }

    /// <summary>One tensor record: dims (fastest first), name, type, data (f16 for matrices, f32 otherwise).</summary>
    private static void Tensor(BinaryWriter writer, string name, int[] dims, float[] data, bool f16)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        writer.Write(dims.Length);
        writer.Write(nameBytes.Length);
        writer.Write(f16 ? GgmlTensorType.F16 : GgmlTensorType.F32);
        foreach (var dim in dims) writer.Write(dim);
        writer.Write(nameBytes);
        foreach (var value in data)
        {
            if (f16) writer.Write((Half)value);
            else writer.Write(value);
        }
    }
}
