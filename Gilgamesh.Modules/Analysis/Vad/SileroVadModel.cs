using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.ML.OnnxRuntime;

namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>
/// The Silero VAD v5 ONNX model (16 kHz): one 512-sample window (32 ms) per run, preceded by the previous
/// window's last 64 samples, with a [2, 1, 128] recurrent state carried between runs. One session per
/// process (thread-safe runs); each stream keeps its own state in a <see cref="SileroVadStream"/>.
/// </summary>
internal sealed class SileroVadModel : IDisposable
{
    public const int SampleRate = 16_000;
    public const int WindowSamples = 512;
    public const int ContextSamples = 64;
    public const int StateSize = 2 * 1 * 128;

    private readonly InferenceSession _session;
    private readonly string _outputName;
    private readonly string _stateOutputName;

    private SileroVadModel(string path, InferenceSession session)
    {
        Path = path;
        _session = session;
        _outputName = session.OutputNames[0];
        _stateOutputName = session.OutputNames[1];
    }

    public string Path { get; }

    /// <summary>Opens the model on one intra-op thread (a window is tiny; more threads cost more than they give).</summary>
    public static SileroVadModel Open(string path)
    {
        if (!File.Exists(path))
            throw new GilgameshException(VadErrorCodes.ModelMissing, $"Silero VAD model not found at {path} (the build copies models/silero-vad/ next to the binaries; Vad:ModelPath overrides)", 503);
        // The VAD stays on the CPU: a 32-ms window is too small to gain from a GPU round trip.
        using var options = OnnxExecution.CreateSessionOptions(threads: 1, allowCuda: false);
        options.InterOpNumThreads = 1;
        try
        {
            return new SileroVadModel(path, new InferenceSession(path, options));
        }
        catch (OnnxRuntimeException e)
        {
            throw new GilgameshException(VadErrorCodes.ModelInvalid, $"Silero VAD model {path} could not be loaded: {e.Message}", 500);
        }
    }

    /// <summary>Speech probability of one window; <paramref name="input"/> is context + window, <paramref name="state"/> is updated.</summary>
    internal float Run(float[] input, float[] state, long[] sampleRate)
    {
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, input.Length]);
        using var stateValue = OrtValue.CreateTensorValueFromMemory(state, [2, 1, 128]);
        using var rateValue = OrtValue.CreateTensorValueFromMemory(sampleRate, []);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, ["input", "state", "sr"], [inputValue, stateValue, rateValue], [_outputName, _stateOutputName]);
        outputs[1].GetTensorDataAsSpan<float>().CopyTo(state);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose() => _session.Dispose();
}
