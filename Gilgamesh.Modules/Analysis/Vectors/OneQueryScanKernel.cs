using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Inner products of one query against rows read straight from the row-major vectors: the single-query scan,
/// which reads every row once and is bound by memory bandwidth, not arithmetic.
/// </summary>
internal static unsafe class OneQueryScanKernel
{
    /// <summary>
    /// output[r] = query · rows[r] for four rows: one query load per four row loads, and four independent
    /// FMA chains, so a single-query scan is limited by memory bandwidth, not by the dot-product latency.
    /// </summary>
    public static void FourRows(float* query, float* r0, float* r1, float* r2, float* r3, int dimension, float* output)
    {
        if (!Vector256.IsHardwareAccelerated || dimension % 8 != 0)
        {
            output[0] = Dot(query, r0, dimension);
            output[1] = Dot(query, r1, dimension);
            output[2] = Dot(query, r2, dimension);
            output[3] = Dot(query, r3, dimension);
            return;
        }
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var i = 0; i < dimension; i += 8)
        {
            var y = Vector256.Load(query + i);
            a0 = Vector256.FusedMultiplyAdd(y, Vector256.Load(r0 + i), a0);
            a1 = Vector256.FusedMultiplyAdd(y, Vector256.Load(r1 + i), a1);
            a2 = Vector256.FusedMultiplyAdd(y, Vector256.Load(r2 + i), a2);
            a3 = Vector256.FusedMultiplyAdd(y, Vector256.Load(r3 + i), a3);
        }
        output[0] = Vector256.Sum(a0);
        output[1] = Vector256.Sum(a1);
        output[2] = Vector256.Sum(a2);
        output[3] = Vector256.Sum(a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int dimension) =>
        TensorPrimitives.Dot(new ReadOnlySpan<float>(a, dimension), new ReadOnlySpan<float>(b, dimension));
}
