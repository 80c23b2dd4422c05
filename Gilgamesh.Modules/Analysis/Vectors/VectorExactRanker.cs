namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Turns an engine's float candidates into the final top-k: every candidate is re-scored in double precision
/// from the stored vectors and ordered by (score descending, id ascending). FAISS (BLAS or SIMD sums) and the
/// managed kernel round differently in the last float bits, so their raw orders can differ on near-ties;
/// after this step they cannot. For exact engines the candidate pool (m) is widened until it provably holds
/// the true top-k: every row left out has float score ≤ the m-th one, whose true score is at most
/// <c>tolerance</c> higher, so once that bound is below the k-th double score nothing outside can enter.
/// </summary>
internal static class VectorExactRanker
{
    public static VectorSearchResult[][] Rank(VectorDataSet data, IVectorSearchEngine engine, float[] queries, int queryCount, int k, int[]? subset)
    {
        var d = data.Dimension;
        var results = new VectorSearchResult[queryCount][];
        var available = subset?.Length ?? data.Count;
        var wanted = Math.Min(k, available);
        if (wanted == 0)
        {
            for (var q = 0; q < queryCount; q++) results[q] = [];
            return results;
        }

        // Float dot product of two unit vectors is off by at most d·u (u = 2^-24) in the worst case; 4× margin.
        var tolerance = 4.0 * d * Math.ScaleB(1.0, -24) + 1e-7;
        var m = Math.Min(available, Math.Max(2 * wanted, wanted + 16));
        var pending = Enumerable.Range(0, queryCount).ToArray();
        while (pending.Length > 0)
        {
            var batch = pending.Length == queryCount ? queries : Gather(queries, pending, d);
            var scores = new float[pending.Length * m];
            var rows = new long[pending.Length * m];
            engine.Search(batch, pending.Length, m, subset, scores, rows);

            var unresolved = new List<int>();
            for (var i = 0; i < pending.Length; i++)
            {
                var q = pending[i];
                var query = queries.AsSpan(q * d, d);
                var ranked = new List<VectorSearchResult>(m);
                for (var j = 0; j < m; j++)
                {
                    var row = rows[i * m + j];
                    if (row < 0) continue;
                    ranked.Add(new VectorSearchResult(data.Ids[row], ExactScore(query, data.Row((int)row))));
                }
                ranked.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
                var top = ranked.Take(wanted).ToArray();
                var lowestFetched = scores[i * m + m - 1];
                var complete = !engine.IsExact || m >= available || top.Length < wanted
                    || lowestFetched + tolerance < top[^1].Score;
                if (complete) results[q] = top;
                else unresolved.Add(q);
            }
            pending = unresolved.ToArray();
            m = (int)Math.Min(available, 2L * m);
        }
        return results;
    }

    /// <summary>Sequential double-precision sum: the same bits on every machine and path.</summary>
    public static double ExactScore(ReadOnlySpan<float> query, ReadOnlySpan<float> row)
    {
        double sum = 0;
        for (var i = 0; i < query.Length; i++) sum += (double)query[i] * row[i];
        return sum;
    }

    private static float[] Gather(float[] queries, int[] which, int d)
    {
        var gathered = new float[which.Length * d];
        for (var i = 0; i < which.Length; i++) queries.AsSpan(which[i] * d, d).CopyTo(gathered.AsSpan(i * d, d));
        return gathered;
    }
}
