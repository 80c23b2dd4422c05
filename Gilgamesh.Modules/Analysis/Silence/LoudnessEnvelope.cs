namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Mean-square energy per 1 ms block, filled chunk by chunk from the PCM stream. One float per ms is
/// 14 MB for an hour: the only per-file state, so memory stays flat in the audio itself. The 1 ms grain
/// is what lets edges be placed to a few ms although decisions use 10 ms windows.
/// </summary>
internal sealed class LoudnessEnvelope(int sampleRate)
{
    public const int BlocksPerWindow = 10;

    private readonly int _blockSamples = Math.Max(1, sampleRate / 1000);
    private readonly List<float> _blocks = [];
    private double _partialSum;
    private int _partialCount;

    public long SampleCount { get; private set; }

    public int BlockCount => _blocks.Count;

    public int WindowCount => (_blocks.Count + BlocksPerWindow - 1) / BlocksPerWindow;

    public double BlockSeconds => (double)_blockSamples / sampleRate;

    public double DurationSeconds => (double)SampleCount / sampleRate;

    public void Add(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            _partialSum += (double)sample * sample;
            if (++_partialCount == _blockSamples)
            {
                _blocks.Add((float)(_partialSum / _blockSamples));
                _partialSum = 0;
                _partialCount = 0;
            }
        }

        SampleCount += samples.Length;
    }

    /// <summary>Flushes a trailing partial block.</summary>
    public void Complete()
    {
        if (_partialCount > 0)
        {
            _blocks.Add((float)(_partialSum / _partialCount));
            _partialSum = 0;
            _partialCount = 0;
        }
    }

    public double BlockDb(int block) => Decibels.FromEnergy(_blocks[block]);

    public double WindowDb(int window) => Decibels.FromEnergy(MeanEnergy(window * BlocksPerWindow, (window + 1) * BlocksPerWindow));

    /// <summary>Mean energy of blocks [<paramref name="fromBlock"/>, <paramref name="toBlock"/>), clamped to the file.</summary>
    public double MeanEnergy(int fromBlock, int toBlock)
    {
        fromBlock = Math.Max(0, fromBlock);
        toBlock = Math.Min(_blocks.Count, toBlock);
        if (toBlock <= fromBlock)
        {
            return 0;
        }

        double sum = 0;
        for (var i = fromBlock; i < toBlock; i++)
        {
            sum += _blocks[i];
        }

        return sum / (toBlock - fromBlock);
    }
}
