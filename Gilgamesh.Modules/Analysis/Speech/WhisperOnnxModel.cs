using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.ML.OnnxRuntime;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// One Whisper export opened for inference: tokenizer, config and the two ONNX Runtime sessions. Opening
/// checks the export's signature, so a wrong folder fails here with the mismatches listed.
/// Sessions are thread-safe for concurrent runs; per-window state lives in <see cref="WhisperDecoderRun"/>.
/// </summary>
internal sealed class WhisperOnnxModel : IDisposable
{
    private WhisperOnnxModel(string folder, WhisperModelConfig config, WhisperTokenizer tokenizer, InferenceSession encoder, InferenceSession decoder)
    {
        Folder = folder;
        Config = config;
        Tokenizer = tokenizer;
        Encoder = encoder;
        Decoder = decoder;
        Layers = WhisperExportSignature.CountLayers(decoder);
        var past = decoder.InputMetadata[WhisperExportSignature.Past(0, "decoder.key")].Dimensions;
        // Heads and head size are fixed dims in the export; config.json is the fallback for symbolic ones.
        Heads = past[1] > 0 ? past[1] : config.DecoderHeads;
        HeadDim = past[3] > 0 ? past[3] : config.HeadDim;
        // Word alignment needs both the attention outputs and the heads that track time.
        AlignmentHeads = config.AlignmentHeads
            .Where(h => h.Layer < Layers && decoder.OutputMetadata.ContainsKey(WhisperExportSignature.CrossAttentions(h.Layer)))
            .ToList();
    }

    /// <summary>(layer, head) pairs whose cross-attentions align words; empty when the export has no attention outputs.</summary>
    public IReadOnlyList<(int Layer, int Head)> AlignmentHeads { get; }

    public string Folder { get; }
    public WhisperModelConfig Config { get; }
    public WhisperTokenizer Tokenizer { get; }
    public InferenceSession Encoder { get; }
    public InferenceSession Decoder { get; }
    public int Layers { get; }
    public int Heads { get; }
    public int HeadDim { get; }

    /// <summary>The files a model folder must hold (the tokenizer may be vocab.json or tokenizer.json).</summary>
    public static IReadOnlyList<string> MissingFiles(string folder)
    {
        var missing = new[] { WhisperExportSignature.EncoderFile, WhisperExportSignature.DecoderFile, "config.json" }
            .Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (!File.Exists(Path.Combine(folder, "vocab.json")) && !File.Exists(Path.Combine(folder, "tokenizer.json"))) missing.Add("vocab.json or tokenizer.json");
        return missing;
    }

    public static WhisperOnnxModel Open(string folder, int threads = 0)
    {
        var missing = MissingFiles(folder);
        if (missing.Count > 0)
            throw new GilgameshException(SpeechErrorCodes.ModelMissing, $"no speech model configured: {folder} lacks {string.Join(", ", missing)} (see `gilgamesh models list`)", 503);

        WhisperModelConfig config;
        WhisperTokenizer tokenizer;
        try
        {
            config = WhisperModelConfig.Load(folder);
            tokenizer = WhisperTokenizer.Load(folder);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GilgameshException(SpeechErrorCodes.ModelInvalid, $"speech model in {folder} has unreadable config or tokenizer: {e.Message}", 500);
        }

        using var options = CreateSessionOptions(threads);
        InferenceSession? encoder = null;
        InferenceSession? decoder = null;
        try
        {
            encoder = new InferenceSession(Path.Combine(folder, WhisperExportSignature.EncoderFile), options);
            decoder = new InferenceSession(Path.Combine(folder, WhisperExportSignature.DecoderFile), options);
            var problems = WhisperExportSignature.Check(encoder, decoder, config.MelBins);
            if (problems.Count > 0)
                throw new GilgameshException(SpeechErrorCodes.ModelInvalid, $"speech model in {folder} does not match the Whisper export layout: {string.Join("; ", problems)}", 500);
            return new WhisperOnnxModel(folder, config, tokenizer, encoder, decoder);
        }
        catch (OnnxRuntimeException e)
        {
            encoder?.Dispose();
            decoder?.Dispose();
            throw new GilgameshException(SpeechErrorCodes.ModelInvalid, $"speech model in {folder} could not be loaded by ONNX Runtime: {e.Message}", 500);
        }
        catch
        {
            encoder?.Dispose();
            decoder?.Dispose();
            throw;
        }
    }

    /// <summary>Runs the encoder on one window of features ([mels, 3000]); the caller owns the result.</summary>
    public OrtValue Encode(float[] features)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(features, [1, Config.MelBins, WhisperLogMel.Frames]);
        using var runOptions = new RunOptions();
        using var outputs = Encoder.Run(runOptions, ["input_features"], [input], ["last_hidden_state"]);
        // Copy out of the collection (which disposes its values) into a tensor the decoder run can hold.
        var source = outputs[0];
        var shape = source.GetTensorTypeAndShape().Shape;
        var copy = source.GetTensorDataAsSpan<float>().ToArray();
        return OrtValue.CreateTensorValueFromMemory(copy, shape);
    }

    public WhisperDecoderRun StartDecoder(OrtValue encoderHiddenStates) => new(this, encoderHiddenStates);

    public void Dispose()
    {
        Encoder.Dispose();
        Decoder.Dispose();
    }

    private static SessionOptions CreateSessionOptions(int threads) => OnnxExecution.CreateSessionOptions(threads);
}
