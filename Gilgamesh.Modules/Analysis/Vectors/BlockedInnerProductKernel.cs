using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Inner products of a block of queries against a block of rows (a small matrix multiply, Q·Rᵀ).
/// A 4-query × 2-row register tile loads each row once for four queries, so a batch is bound by
/// FMA throughput rather than by memory bandwidth the way one-dot-at-a-time is.
/// </summary>
internal static unsafe class BlockedInnerProductKernel
{
    /// <summary>tile[q * rowCount + r] = queries[q] · rows[r], for q &lt; queryCount and r &lt; rowCount.</summary>
    public static void Compute(float* queries, int queryCount, float** rows, int rowCount, int dimension, float* tile)
    {
        var q = 0;
        if (Vector256.IsHardwareAccelerated && dimension % 8 == 0)
        {
            for (; q + 4 <= queryCount; q += 4)
            {
                var r = 0;
                for (; r + 2 <= rowCount; r += 2)
                    Tile4x2(queries + (long)q * dimension, dimension, rows[r], rows[r + 1], tile + q * rowCount + r, rowCount);
                for (; r < rowCount; r++)
                    for (var j = 0; j < 4; j++)
                        tile[(q + j) * rowCount + r] = Dot(queries + (long)(q + j) * dimension, rows[r], dimension);
            }
        }
        for (; q < queryCount; q++)
            for (var r = 0; r < rowCount; r++)
                tile[q * rowCount + r] = Dot(queries + (long)q * dimension, rows[r], dimension);
    }

    /// <summary>
    /// output[r] = query · rows[r] for four rows: one query load per four row loads, and four independent
    /// FMA chains, so a single-query scan is limited by memory bandwidth, not by the dot-product latency.
    /// </summary>
    public static void OneQueryFourRows(float* query, float* r0, float* r1, float* r2, float* r3, int dimension, float* output)
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

    private static void Tile4x2(float* q0, int d, float* r0, float* r1, float* output, int stride)
    {
        float* q1 = q0 + d, q2 = q1 + d, q3 = q2 + d;
        Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
        Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
        for (var i = 0; i < d; i += 8)
        {
            var x0 = Vector256.Load(r0 + i);
            var x1 = Vector256.Load(r1 + i);
            var y = Vector256.Load(q0 + i);
            a00 = Vector256.FusedMultiplyAdd(y, x0, a00);
            a01 = Vector256.FusedMultiplyAdd(y, x1, a01);
            y = Vector256.Load(q1 + i);
            a10 = Vector256.FusedMultiplyAdd(y, x0, a10);
            a11 = Vector256.FusedMultiplyAdd(y, x1, a11);
            y = Vector256.Load(q2 + i);
            a20 = Vector256.FusedMultiplyAdd(y, x0, a20);
            a21 = Vector256.FusedMultiplyAdd(y, x1, a21);
            y = Vector256.Load(q3 + i);
            a30 = Vector256.FusedMultiplyAdd(y, x0, a30);
            a31 = Vector256.FusedMultiplyAdd(y, x1, a31);
        }
        output[0] = Vector256.Sum(a00);
        output[1] = Vector256.Sum(a01);
        output[stride] = Vector256.Sum(a10);
        output[stride + 1] = Vector256.Sum(a11);
        output[2 * stride] = Vector256.Sum(a20);
        output[2 * stride + 1] = Vector256.Sum(a21);
        output[3 * stride] = Vector256.Sum(a30);
        output[3 * stride + 1] = Vector256.Sum(a31);
    }
}
