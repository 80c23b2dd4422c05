using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Chooses OpenBLAS's kernel set before the FAISS shim (and with it libopenblas) is loaded. Debian's OpenBLAS
/// 0.3.21 picks its kernels by CPU model and falls back to "Prescott" (SSE3) on models it predates, such as
/// the Xeon of the bench machine; FAISS's batch search is an sgemm, so that costs it 2–5×. OpenBLAS reads
/// OPENBLAS_CORETYPE once, in its load-time constructor, so it has to be in the native environment by then:
/// .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the C environment
/// on Linux, hence libc setenv. A value the operator set is left alone.
/// </summary>
internal static partial class OpenBlasCoreType
{
    public const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>"SkylakeX" with AVX-512 (F, BW, DQ, VL: what those kernels use), "Haswell" with AVX2 + FMA, else null.</summary>
    public static string? ForThisCpu()
    {
        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported) return "SkylakeX";
        if (Avx2.IsSupported && Fma.IsSupported) return "Haswell";
        return null;
    }

    /// <summary>Sets the variable when it is unset; returns a note for the load message (null when nothing was done).</summary>
    public static string? ApplyIfUnset()
    {
        var current = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(current)) return $"{Variable}={current} (set by the environment)";
        var chosen = ForThisCpu();
        if (chosen is null || !OperatingSystem.IsLinux()) return null;
        return setenv(Variable, chosen, 0) == 0 ? $"{Variable}={chosen} (chosen from the CPU's instruction set)" : null;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
