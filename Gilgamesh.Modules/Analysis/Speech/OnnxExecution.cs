using Microsoft.ML.OnnxRuntime;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Which execution provider ONNX Runtime sessions (Whisper ONNX, Silero VAD) run on, decided once per process
/// at run time: the one ORT package (<c>Microsoft.ML.OnnxRuntime.Gpu</c>) carries the CPU provider and the CUDA
/// provider library; appending CUDA succeeds only when the NVIDIA driver, CUDA and cuDNN libraries load and a
/// device answers, else it throws and sessions use the CPU. No build switch; readiness shows the outcome.
/// </summary>
internal static class OnnxExecution
{
    private static readonly Lazy<(bool Cuda, string Description)> Probe = new(ProbeCuda);

    /// <summary>True when the CUDA execution provider loaded on device 0.</summary>
    public static bool CudaAvailable => Probe.Value.Cuda;

    /// <summary>One line for readiness: "CUDA (device 0)" or "CPU — CUDA unavailable: …".</summary>
    public static string Description => Probe.Value.Description;

    /// <summary>Session options on the decided provider; <paramref name="threads"/> 0 lets ORT choose.</summary>
    public static SessionOptions CreateSessionOptions(int threads, bool allowCuda = true)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (threads > 0) options.IntraOpNumThreads = threads;
        if (allowCuda && CudaAvailable) options.AppendExecutionProvider_CUDA(0);
        return options;
    }

    private static (bool, string) ProbeCuda()
    {
        // Without the NVIDIA driver there is nothing to probe, and ORT's own attempt writes a coloured error line
        // straight to the console from native code, which would break the JSON-lines log.
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad("libcuda.so.1", out var driver))
            return (false, "CPU — CUDA unavailable: no NVIDIA driver (libcuda.so.1 not found)");
        System.Runtime.InteropServices.NativeLibrary.Free(driver);
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(0);
            return (true, "CUDA (device 0)");
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            // The message names the missing library (libcublasLt.so.12, libcudnn.so.9 …) or the driver error.
            var reason = e.Message.Split('\n')[0].Trim();
            if (reason.Length > 200) reason = reason[..200] + "…";
            return (false, $"CPU — CUDA unavailable: {reason}");
        }
    }
}
