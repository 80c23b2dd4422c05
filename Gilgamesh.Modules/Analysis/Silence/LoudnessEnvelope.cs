using System.Runtime.CompilerServices;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>
/// Mean-square energy per ~1 ms block, filled chunk by chunk from the PCM stream. One float per ms is
/// 14 MB for an hour: the only per-file state, so memory stays flat in the audio itself. The 1 ms grain
/// is what lets edges be placed to a few ms although decisions use 10 ms windows. A block is
/// <c>sampleRate / 1000</c> whole samples at any rate (22 at 22.05 kHz: 0.998 ms), and every time is
/// computed from <see cref="BlockSeconds"/>, so times stay exact without resampling to a round rate.
/// Each 10 ms window's level is stored as the window completes: the threshold and the segmenter both
/// read every window, and computing them while ffmpeg still decodes takes ~40 ms off the hour's tail.
/// </summary>
/// <param name="expectedSeconds">Probed duration, to size the block list once (0: grow as needed).</param>
internal sealed class LoudnessEnvelope(int sampleRate, double expectedSeconds = 0)
{
    public const int BlocksPerWindow = 10;

    /// <summary>Full scale of signed 16-bit PCM squared: s16 energies land on the same dBFS scale as float.</summary>
    private const double Int16FullScaleSquared = 32768.0 * 32768.0;

    private readonly int _blockSamples = Math.Max(1, sampleRate / 1000);
    private float[] _blocks = new float[ExpectedBlocks(sampleRate, expectedSeconds)];
    private int _blockCount;
    private double[] _windowDb = new double[ExpectedBlocks(sampleRate, expectedSeconds) / BlocksPerWindow + 1];
    private int _windowsStored;
    private double _partialSum;
    private int _partialCount;

    public int SampleRate => sampleRate;

    public long SampleCount { get; private set; }

    public int BlockCount => _blockCount;

    public int WindowCount => (_blockCount + BlocksPerWindow - 1) / BlocksPerWindow;

    public double BlockSeconds => (double)_blockSamples / sampleRate;

    public double DurationSeconds => (double)SampleCount / sampleRate;

    public void Add(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            _partialSum += (double)sample * sample;
            if (++_partialCount == _blockSamples)
            {
                AddBlock((float)(_partialSum / _blockSamples));
                _partialSum = 0;
                _partialCount = 0;
            }
        }

        SampleCount += samples.Length;
    }

    /// <summary>Signed 16-bit samples: squares summed exactly in integers per block, scaled once per block.</summary>
    // Optimised from the first call: a one-shot `analyze` run is half over before tiering would
    // promote this loop out of unoptimised code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<short> samples)
    {
        SampleCount += samples.Length;
        if (_partialCount > 0)
        {
            var fill = Math.Min(_blockSamples - _partialCount, samples.Length);
            _partialSum += Int16Energy.SumOfSquares(samples[..fill]) / Int16FullScaleSquared;
            _partialCount += fill;
            samples = samples[fill..];
            if (_partialCount < _blockSamples)
            {
                return;
            }

            AddBlock((float)(_partialSum / _blockSamples));
            _partialSum = 0;
            _partialCount = 0;
        }

        var scale = 1 / (Int16FullScaleSquared * _blockSamples);
        while (samples.Length >= _blockSamples)
        {
            AddBlock((float)(Int16Energy.SumOfSquares(samples[.._blockSamples]) * scale));
            samples = samples[_blockSamples..];
        }

        if (samples.Length > 0)
        {
            _partialSum = Int16Energy.SumOfSquares(samples) / Int16FullScaleSquared;
            _partialCount = samples.Length;
        }
    }

    /// <summary>Flushes a trailing partial block and window.</summary>
    public void Complete()
    {
        if (_partialCount > 0)
        {
            AddBlock((float)(_partialSum / _partialCount));
            _partialSum = 0;
            _partialCount = 0;
        }

        if (_windowsStored < WindowCount)
        {
            StoreWindow();
        }
    }

    /// <summary>
    /// Appends <paramref name="next"/>, the envelope of the audio that follows (a later part of the same file,
    /// decoded at the same rate). This one must end on a window boundary with no partial block, so blocks and
    /// window levels carry over as they are; <paramref name="next"/> is completed first.
    /// </summary>
    public void Append(LoudnessEnvelope next)
    {
        if (next.SampleRate != sampleRate || _partialCount != 0 || _blockCount % BlocksPerWindow != 0 || _windowsStored != WindowCount)
        {
            throw new InvalidOperationException("an envelope is appended only at a window boundary, at the same rate");
        }

        next.Complete();
        EnsureBlocks(_blockCount + next._blockCount);
        Array.Copy(next._blocks, 0, _blocks, _blockCount, next._blockCount);
        _blockCount += next._blockCount;
        if (_windowDb.Length < _windowsStored + next._windowsStored)
        {
            Array.Resize(ref _windowDb, _windowsStored + next._windowsStored);
        }

        Array.Copy(next._windowDb, 0, _windowDb, _windowsStored, next._windowsStored);
        _windowsStored += next._windowsStored;
        SampleCount += next.SampleCount;
    }

    /// <summary>Samples in one block: <c>rate / 1000</c>, at least 1.</summary>
    public int BlockSamples => _blockSamples;

    public double BlockDb(int block) => Decibels.FromEnergy(_blocks[block]);

    public double WindowDb(int window) => window < _windowsStored ? _windowDb[window] : LevelOf(window);

    /// <summary>Mean energy of blocks [<paramref name="fromBlock"/>, <paramref name="toBlock"/>), clamped to the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double MeanEnergy(int fromBlock, int toBlock)
    {
        fromBlock = Math.Max(0, fromBlock);
        toBlock = Math.Min(_blockCount, toBlock);
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

    private void EnsureBlocks(int count)
    {
        if (count > _blocks.Length)
        {
            Array.Resize(ref _blocks, Math.Max(count, Math.Max(1024, _blocks.Length * 2)));
        }
    }

    private void AddBlock(float energy)
    {
        if (_blockCount == _blocks.Length)
        {
            EnsureBlocks(_blockCount + 1);
        }

        _blocks[_blockCount++] = energy;
        if (_blockCount % BlocksPerWindow == 0)
        {
            StoreWindow();
        }
    }

    private void StoreWindow()
    {
        if (_windowsStored == _windowDb.Length)
        {
            Array.Resize(ref _windowDb, Math.Max(128, _windowDb.Length * 2));
        }

        _windowDb[_windowsStored] = LevelOf(_windowsStored);
        _windowsStored++;
    }

    private double LevelOf(int window) => Decibels.FromEnergy(MeanEnergy(window * BlocksPerWindow, (window + 1) * BlocksPerWindow));

    // 1% and a second above the probed duration, which is approximate (rounded, or estimated from the
    // bitrate): an array that has to grow doubles, briefly holding three times what it needs.
    private static int ExpectedBlocks(int sampleRate, double expectedSeconds)
    {
        var blocks = expectedSeconds * sampleRate / Math.Max(1, sampleRate / 1000);
        return blocks is > 0 and < int.MaxValue / 2 ? (int)(blocks * 1.01) + 1000 : 0;
    }
}
