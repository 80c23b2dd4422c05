namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Which engine <c>Speech:Engine</c> resolves to, and why (readiness prints the reason). <c>auto</c>: the ONNX
/// engine when ONNX Runtime has a working CUDA device and an ONNX export is installed (the GPU path), else
/// Whisper.net when a ggml model is installed (whisper.cpp is the faster CPU engine), else the ONNX engine
/// when only an export is installed, else Whisper.net (unavailable, with where to put a model).
/// </summary>
internal sealed record SpeechEngineChoice(string Engine, string Reason)
{
    public const string Auto = "auto";
    public const string WhisperNet = WhisperNetEngine.Name;
    public const string Onnx = "onnx";

    public static SpeechEngineChoice Decide(string configured, bool cudaAvailable, string onnxDescription, bool onnxModelInstalled, bool ggmlModelInstalled)
    {
        switch (configured.Trim().ToLowerInvariant())
        {
            case WhisperNet:
                return new(WhisperNet, "Speech:Engine = whisper.net");
            case Onnx:
                return new(Onnx, $"Speech:Engine = onnx, ONNX Runtime on {onnxDescription}");
            case Auto or "":
                if (cudaAvailable && onnxModelInstalled) return new(Onnx, "auto: ONNX Runtime has a CUDA device and an ONNX export is installed");
                var why = cudaAvailable ? "no ONNX export installed for the CUDA path" : $"no CUDA device for ONNX Runtime ({onnxDescription})";
                if (ggmlModelInstalled || !onnxModelInstalled) return new(WhisperNet, $"auto: {why}, so Whisper.net on the CPU");
                return new(Onnx, $"auto: {why} and no ggml model installed, but an ONNX export is: ONNX engine on the CPU");
            default:
                throw new Kernel.Errors.GilgameshException(SpeechErrorCodes.InvalidOption, $"Speech:Engine must be auto, whisper.net or onnx, not '{configured}'", 400);
        }
    }
}
