namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// The k largest (score, row) pairs seen so far, as a min-heap with the weakest at the root, so the common
/// case (a score below the current k-th) costs one comparison.
/// </summary>
internal struct TopKCandidates
{
    private readonly float[] _scores;
    private readonly long[] _rows;
    private int _count;

    public TopKCandidates(int k)
    {
        _scores = new float[k];
        _rows = new long[k];
    }

    /// <summary>Scores at or below this can be skipped.</summary>
    public readonly float Threshold => _count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Add(float score, long row)
    {
        if (_count < _scores.Length)
        {
            var i = _count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (_scores[parent] <= score) break;
                _scores[i] = _scores[parent];
                _rows[i] = _rows[parent];
                i = parent;
            }
            _scores[i] = score;
            _rows[i] = row;
            return;
        }
        if (score <= _scores[0]) return;
        SiftDown(score, row);
    }

    public void AddAll(in TopKCandidates other)
    {
        for (var i = 0; i < other._count; i++) Add(other._scores[i], other._rows[i]);
    }

    /// <summary>Writes the kept pairs best first (row -1 / -inf padding) into the destination spans of length k.</summary>
    public readonly void CopySortedTo(Span<float> scores, Span<long> rows)
    {
        var orderScores = _scores.AsSpan(0, _count).ToArray();
        var orderRows = _rows.AsSpan(0, _count).ToArray();
        Array.Sort(orderScores, orderRows);
        for (var i = 0; i < scores.Length; i++)
        {
            var from = _count - 1 - i;
            scores[i] = from >= 0 ? orderScores[from] : float.NegativeInfinity;
            rows[i] = from >= 0 ? orderRows[from] : -1;
        }
    }

    private void SiftDown(float score, long row)
    {
        var i = 0;
        var n = _count;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && _scores[child + 1] < _scores[child]) child++;
            if (_scores[child] >= score) break;
            _scores[i] = _scores[child];
            _rows[i] = _rows[child];
            i = child;
        }
        _scores[i] = score;
        _rows[i] = row;
    }
}
