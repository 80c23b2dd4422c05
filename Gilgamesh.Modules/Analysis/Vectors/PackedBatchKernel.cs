using System.Runtime.Intrinsics;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Scores of six queries against a block of rows, the inner loop of a batch search, laid out the way GEMM
/// kernels are: the row block is first packed dimension-major (<see cref="Pack"/>: element i of every row side
/// by side), so one vector load holds element i of 8–16 rows and each query's element i is broadcast against
/// it. Six queries × two row vectors keep twelve accumulators in registers: twelve FMAs per eight loads, so
/// the loop runs at FMA throughput, and the scores come out as whole vectors, with no horizontal sums. With
/// AVX-512 a block is 32 rows, with AVX2 16 (an AVX2 tile of 4 queries × 2 rows, reduced per dot product,
/// measured about 4× slower than FAISS's sgemm here).
/// </summary>
internal static unsafe class PackedBatchKernel
{
    public const int QueriesPerTile = 6;

    private static readonly bool Wide = Vector512.IsHardwareAccelerated;
    private static readonly bool Packed = Wide || Vector256.IsHardwareAccelerated;

    /// <summary>Rows per block: two vectors of the widest accelerated width.</summary>
    public static readonly int RowsPerBlock = Wide ? 32 : 16;

    /// <summary>
    /// Copies <paramref name="rowCount"/> ≤ <see cref="RowsPerBlock"/> rows into <paramref name="packed"/>
    /// (dimension × RowsPerBlock floats): packed[i · RowsPerBlock + r] = rows[r][i]; missing rows are zeros.
    /// </summary>
    public static void Pack(float** rows, int rowCount, int dimension, float* packed)
    {
        if (!Packed) return;
        var width = RowsPerBlock;
        for (var r = 0; r < width; r++)
        {
            var destination = packed + r;
            if (r < rowCount)
            {
                var source = rows[r];
                for (var i = 0; i < dimension; i++) destination[(long)i * width] = source[i];
            }
            else
            {
                for (var i = 0; i < dimension; i++) destination[(long)i * width] = 0;
            }
        }
    }

    /// <summary>
    /// output[q · RowsPerBlock + r] = queries[q] · rows[r] for six consecutive queries (row-major, dimension apart)
    /// against the block that <see cref="Pack"/> made from <paramref name="rows"/> (read directly when SIMD is
    /// not accelerated).
    /// </summary>
    public static void SixQueries(float* queries, float* packed, float** rows, int rowCount, int dimension, float* output)
    {
        if (Wide) SixQueries512(queries, packed, dimension, output);
        else if (Packed) SixQueries256(queries, packed, dimension, output);
        else
        {
            for (var q = 0; q < QueriesPerTile; q++)
                for (var r = 0; r < rowCount; r++)
                    output[q * RowsPerBlock + r] = OneQueryScanKernel.Dot(queries + (long)q * dimension, rows[r], dimension);
        }
    }

    /// <summary>
    /// Whether any of a tile line's <see cref="RowsPerBlock"/> scores exceeds <paramref name="threshold"/>: two
    /// vector compares instead of a scalar pass, since once the heaps fill almost every line holds nothing new.
    /// Padding rows (zeros) may pass; callers only read the real rows.
    /// </summary>
    public static bool AnyAbove(float* line, float threshold)
    {
        if (Wide)
        {
            var limit = Vector512.Create(threshold);
            return Vector512.GreaterThanAny(Vector512.Max(Vector512.Load(line), Vector512.Load(line + 16)), limit);
        }
        if (Packed)
        {
            var limit = Vector256.Create(threshold);
            return Vector256.GreaterThanAny(Vector256.Max(Vector256.Load(line), Vector256.Load(line + 8)), limit);
        }
        for (var r = 0; r < RowsPerBlock; r++)
            if (line[r] > threshold) return true;
        return false;
    }

    // The 512- and 256-bit kernels are the same register-blocked loop written twice on purpose: its twelve
    // named accumulators are meant to live in registers, and Vector512 and Vector256 share no generic type
    // a single body could be written against (Vector<T> has one width per machine).
    private static void SixQueries512(float* q0, float* packed, int d, float* output)
    {
        float* q1 = q0 + d, q2 = q1 + d, q3 = q2 + d, q4 = q3 + d, q5 = q4 + d;
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default;
        Vector512<float> a30 = default, a31 = default, a40 = default, a41 = default, a50 = default, a51 = default;
        for (var i = 0; i < d; i++)
        {
            var block = packed + (long)i * 32;
            var x0 = Vector512.Load(block);
            var x1 = Vector512.Load(block + 16);
            var y = Vector512.Create(q0[i]);
            a00 = Vector512.FusedMultiplyAdd(y, x0, a00);
            a01 = Vector512.FusedMultiplyAdd(y, x1, a01);
            y = Vector512.Create(q1[i]);
            a10 = Vector512.FusedMultiplyAdd(y, x0, a10);
            a11 = Vector512.FusedMultiplyAdd(y, x1, a11);
            y = Vector512.Create(q2[i]);
            a20 = Vector512.FusedMultiplyAdd(y, x0, a20);
            a21 = Vector512.FusedMultiplyAdd(y, x1, a21);
            y = Vector512.Create(q3[i]);
            a30 = Vector512.FusedMultiplyAdd(y, x0, a30);
            a31 = Vector512.FusedMultiplyAdd(y, x1, a31);
            y = Vector512.Create(q4[i]);
            a40 = Vector512.FusedMultiplyAdd(y, x0, a40);
            a41 = Vector512.FusedMultiplyAdd(y, x1, a41);
            y = Vector512.Create(q5[i]);
            a50 = Vector512.FusedMultiplyAdd(y, x0, a50);
            a51 = Vector512.FusedMultiplyAdd(y, x1, a51);
        }
        a00.Store(output); a01.Store(output + 16);
        a10.Store(output + 32); a11.Store(output + 48);
        a20.Store(output + 64); a21.Store(output + 80);
        a30.Store(output + 96); a31.Store(output + 112);
        a40.Store(output + 128); a41.Store(output + 144);
        a50.Store(output + 160); a51.Store(output + 176);
    }

    private static void SixQueries256(float* q0, float* packed, int d, float* output)
    {
        float* q1 = q0 + d, q2 = q1 + d, q3 = q2 + d, q4 = q3 + d, q5 = q4 + d;
        Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default;
        Vector256<float> a30 = default, a31 = default, a40 = default, a41 = default, a50 = default, a51 = default;
        for (var i = 0; i < d; i++)
        {
            var block = packed + (long)i * 16;
            var x0 = Vector256.Load(block);
            var x1 = Vector256.Load(block + 8);
            var y = Vector256.Create(q0[i]);
            a00 = Vector256.FusedMultiplyAdd(y, x0, a00);
            a01 = Vector256.FusedMultiplyAdd(y, x1, a01);
            y = Vector256.Create(q1[i]);
            a10 = Vector256.FusedMultiplyAdd(y, x0, a10);
            a11 = Vector256.FusedMultiplyAdd(y, x1, a11);
            y = Vector256.Create(q2[i]);
            a20 = Vector256.FusedMultiplyAdd(y, x0, a20);
            a21 = Vector256.FusedMultiplyAdd(y, x1, a21);
            y = Vector256.Create(q3[i]);
            a30 = Vector256.FusedMultiplyAdd(y, x0, a30);
            a31 = Vector256.FusedMultiplyAdd(y, x1, a31);
            y = Vector256.Create(q4[i]);
            a40 = Vector256.FusedMultiplyAdd(y, x0, a40);
            a41 = Vector256.FusedMultiplyAdd(y, x1, a41);
            y = Vector256.Create(q5[i]);
            a50 = Vector256.FusedMultiplyAdd(y, x0, a50);
            a51 = Vector256.FusedMultiplyAdd(y, x1, a51);
        }
        a00.Store(output); a01.Store(output + 8);
        a10.Store(output + 16); a11.Store(output + 24);
        a20.Store(output + 32); a21.Store(output + 40);
        a30.Store(output + 48); a31.Store(output + 56);
        a40.Store(output + 64); a41.Store(output + 72);
        a50.Store(output + 80); a51.Store(output + 88);
    }
}
