namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Exact search in managed code, the fallback when the FAISS shim cannot be loaded (and the default scan for
/// single and filtered queries). One query streams the rows once, split across the cores
/// (<see cref="OneQueryScanKernel"/>, memory-bandwidth bound); a batch packs each block of rows once and
/// scores every query against it (<see cref="PackedBatchKernel"/>, FMA bound), so each row is read from
/// memory once per batch.
/// </summary>
internal sealed unsafe class ManagedExactIndex(VectorDataSet data) : IVectorSearchEngine
{
    // Below this many rows a second thread costs more than it saves.
    private const int RowsPerThread = 4096;

    public string Name => "managed-exact";
    public bool IsExact => true;

    public void Search(float[] queries, int queryCount, int m, int[]? subset, float[] scores, long[] rows)
    {
        if (queryCount < 4)
        {
            for (var q = 0; q < queryCount; q++) SearchOne(queries, q, m, subset, scores, rows);
            return;
        }
        SearchBatch(queries, queryCount, m, subset, scores, rows);
    }

    public void Dispose() { }

    private void SearchOne(float[] queries, int q, int m, int[]? subset, float[] scores, long[] rows)
    {
        var d = data.Dimension;
        var total = subset?.Length ?? data.Count;
        var threads = ThreadsFor(total);
        var heaps = new TopKCandidates[threads];
        fixed (float* queryBase = queries)
        fixed (float* vectorBase = data.Vectors)
        {
            var queryPtr = (nint)(queryBase + (long)q * d);
            var vectorPtr = (nint)vectorBase;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var query = (float*)queryPtr;
                var vectors = (float*)vectorPtr;
                var heap = new TopKCandidates(m);
                var four = stackalloc float[4];
                int begin = (int)((long)total * t / threads), end = (int)((long)total * (t + 1) / threads);
                var j = begin;
                for (; j + 4 <= end; j += 4)
                {
                    int r0 = subset is null ? j : subset[j], r1 = subset is null ? j + 1 : subset[j + 1];
                    int r2 = subset is null ? j + 2 : subset[j + 2], r3 = subset is null ? j + 3 : subset[j + 3];
                    OneQueryScanKernel.FourRows(query, vectors + (long)r0 * d, vectors + (long)r1 * d,
                        vectors + (long)r2 * d, vectors + (long)r3 * d, d, four);
                    if (four[0] > heap.Threshold) heap.Add(four[0], r0);
                    if (four[1] > heap.Threshold) heap.Add(four[1], r1);
                    if (four[2] > heap.Threshold) heap.Add(four[2], r2);
                    if (four[3] > heap.Threshold) heap.Add(four[3], r3);
                }
                for (; j < end; j++)
                {
                    var row = subset is null ? j : subset[j];
                    var score = OneQueryScanKernel.Dot(query, vectors + (long)row * d, d);
                    if (score > heap.Threshold) heap.Add(score, row);
                }
                heaps[t] = heap;
            });
        }
        for (var t = 1; t < threads; t++) heaps[0].AddAll(heaps[t]);
        heaps[0].CopySortedTo(scores.AsSpan(q * m, m), rows.AsSpan(q * m, m));
    }

    private void SearchBatch(float[] queries, int queryCount, int m, int[]? subset, float[] scores, long[] rows)
    {
        var d = data.Dimension;
        var total = subset?.Length ?? data.Count;
        var threads = ThreadsFor(total);
        // Each thread owns a slice of the rows and its own heap per query; heaps are merged at the end.
        var heaps = new TopKCandidates[threads][];
        for (var t = 0; t < threads; t++)
        {
            heaps[t] = new TopKCandidates[queryCount];
            for (var q = 0; q < queryCount; q++) heaps[t][q] = new TopKCandidates(m);
        }
        // The kernel takes six queries at a time: pad with zero queries (their scores are never read).
        const int tileQueries = PackedBatchKernel.QueriesPerTile;
        var tiles = (queryCount + tileQueries - 1) / tileQueries;
        var padded = queryCount % tileQueries == 0 ? queries : new float[(long)tiles * tileQueries * d];
        if (!ReferenceEquals(padded, queries)) queries.AsSpan(0, queryCount * d).CopyTo(padded);
        var width = PackedBatchKernel.RowsPerBlock;

        fixed (float* queryBase = padded)
        fixed (float* vectorBase = data.Vectors)
        {
            var queryPtr = (nint)queryBase;
            var vectorPtr = (nint)vectorBase;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                // Rows outermost: each block is read from memory and packed once for the whole batch; the
                // queries (2 MB for 1,000 × 512) are re-read per block from the caches, which is cheap next to
                // the block's 6 × 32 × d FMAs per tile.
                var packed = GC.AllocateUninitializedArray<float>(width * d, pinned: true);
                var tile = stackalloc float[tileQueries * width];
                var rowPointers = stackalloc float*[width];
                var blockRows = stackalloc long[width];
                var threadHeaps = heaps[t];
                long begin = (long)total * t / threads, end = (long)total * (t + 1) / threads;
                fixed (float* packedBlock = packed)
                {
                    for (var r0 = begin; r0 < end; r0 += width)
                    {
                        var rn = (int)Math.Min(width, end - r0);
                        for (var r = 0; r < rn; r++)
                        {
                            blockRows[r] = subset is null ? r0 + r : subset[r0 + r];
                            rowPointers[r] = (float*)vectorPtr + blockRows[r] * d;
                        }
                        PackedBatchKernel.Pack(rowPointers, rn, d, packedBlock);
                        for (var tileIndex = 0; tileIndex < tiles; tileIndex++)
                        {
                            var q0 = tileIndex * tileQueries;
                            PackedBatchKernel.SixQueries((float*)queryPtr + (long)q0 * d, packedBlock, rowPointers, rn, d, tile);
                            var qn = Math.Min(tileQueries, queryCount - q0);
                            for (var q = 0; q < qn; q++)
                                AddBlock(ref threadHeaps[q0 + q], tile + q * width, rn, blockRows);
                        }
                    }
                }
            });
        }

        Parallel.For(0, queryCount, q =>
        {
            for (var t = 1; t < threads; t++) heaps[0][q].AddAll(heaps[t][q]);
            heaps[0][q].CopySortedTo(scores.AsSpan(q * m, m), rows.AsSpan(q * m, m));
        });
    }

    /// <summary>Offers one query's scores for a row block to its heap; most blocks hold nothing above the threshold.</summary>
    private static void AddBlock(ref TopKCandidates heap, float* line, int count, long* blockRows)
    {
        if (!PackedBatchKernel.AnyAbove(line, heap.Threshold)) return;
        for (var r = 0; r < count; r++)
            if (line[r] > heap.Threshold) heap.Add(line[r], blockRows[r]);
    }

    private static int ThreadsFor(int rows) => Math.Clamp(rows / RowsPerThread, 1, Environment.ProcessorCount);
}
