namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Exact search in managed code, the fallback when the FAISS shim cannot be loaded. One query streams the
/// rows once, split across the cores (memory-bandwidth bound); a batch runs as a blocked matrix multiply
/// (<see cref="BlockedInnerProductKernel"/>) over query blocks × row blocks sized for the L2 cache, so each
/// row is read from memory once per block of queries instead of once per query.
/// </summary>
internal sealed unsafe class ManagedExactIndex(VectorDataSet data) : IVectorSearchEngine
{
    // 128 queries × 512 floats = 256 KiB, 32 rows = 64 KiB: both fit the 512 KiB L2 of the cores here.
    private const int QueryBlock = 128;
    private const int RowBlock = 32;
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
                    BlockedInnerProductKernel.OneQueryFourRows(query, vectors + (long)r0 * d, vectors + (long)r1 * d,
                        vectors + (long)r2 * d, vectors + (long)r3 * d, d, four);
                    if (four[0] > heap.Threshold) heap.Add(four[0], r0);
                    if (four[1] > heap.Threshold) heap.Add(four[1], r1);
                    if (four[2] > heap.Threshold) heap.Add(four[2], r2);
                    if (four[3] > heap.Threshold) heap.Add(four[3], r3);
                }
                for (; j < end; j++)
                {
                    var row = subset is null ? j : subset[j];
                    var score = BlockedInnerProductKernel.Dot(query, vectors + (long)row * d, d);
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

        fixed (float* queryBase = queries)
        fixed (float* vectorBase = data.Vectors)
        {
            var queryPtr = (nint)queryBase;
            var vectorPtr = (nint)vectorBase;
            for (var q0 = 0; q0 < queryCount; q0 += QueryBlock)
            {
                var qn = Math.Min(QueryBlock, queryCount - q0);
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                {
                    var tile = stackalloc float[QueryBlock * RowBlock];
                    var rowPointers = stackalloc float*[RowBlock];
                    var threadHeaps = heaps[t];
                    long begin = (long)total * t / threads, end = (long)total * (t + 1) / threads;
                    for (var r0 = begin; r0 < end; r0 += RowBlock)
                    {
                        var rn = (int)Math.Min(RowBlock, end - r0);
                        for (var r = 0; r < rn; r++)
                        {
                            var row = subset is null ? r0 + r : subset[r0 + r];
                            rowPointers[r] = (float*)vectorPtr + row * d;
                        }
                        BlockedInnerProductKernel.Compute((float*)queryPtr + (long)q0 * d, qn, rowPointers, rn, d, tile);
                        for (var q = 0; q < qn; q++)
                        {
                            ref var heap = ref threadHeaps[q0 + q];
                            var line = tile + q * rn;
                            for (var r = 0; r < rn; r++)
                            {
                                if (line[r] > heap.Threshold)
                                    heap.Add(line[r], subset is null ? r0 + r : subset[r0 + r]);
                            }
                        }
                    }
                });
            }
        }

        Parallel.For(0, queryCount, q =>
        {
            for (var t = 1; t < threads; t++) heaps[0][q].AddAll(heaps[t][q]);
            heaps[0][q].CopySortedTo(scores.AsSpan(q * m, m), rows.AsSpan(q * m, m));
        });
    }

    private static int ThreadsFor(int rows) => Math.Clamp(rows / RowsPerThread, 1, Environment.ProcessorCount);
}
