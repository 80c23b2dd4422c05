using Gilgamesh.Modules.Analysis.Silence;

namespace Gilgamesh.Modules.Analysis.Vad;

/// <summary>
/// Speech regions of one 16 kHz mono stream fed block by block (any block size), as Silero's
/// <c>get_speech_timestamps</c> computes them: hysteresis between the threshold and threshold − 0.15, a
/// region ends after <c>MinSilenceSeconds</c> below, short regions dropped, padding clamped to the
/// neighbours. Memory is one window; the per-window probabilities are kept (4 bytes per 32 ms) for callers
/// that want them.
/// </summary>
internal sealed class SileroVadStream(SileroVadModel model, VadOptions options)
{
    private readonly float[] _input = new float[SileroVadModel.ContextSamples + SileroVadModel.WindowSamples];
    private readonly float[] _state = new float[SileroVadModel.StateSize];
    private readonly long[] _rate = [SileroVadModel.SampleRate];
    private readonly List<(long Start, long End)> _speeches = [];
    private readonly List<float> _probabilities = [];
    private int _pending;
    private long _processed;
    private long _total;
    private bool _triggered;
    private long _start;
    private long _tempEnd;

    public long SampleCount => _total;

    /// <summary>Speech probability per 32-ms window, in order.</summary>
    public IReadOnlyList<float> Probabilities => _probabilities;

    public void Add(ReadOnlySpan<float> samples)
    {
        _total += samples.Length;
        var window = _input.AsSpan(SileroVadModel.ContextSamples);
        while (samples.Length > 0)
        {
            var take = Math.Min(samples.Length, SileroVadModel.WindowSamples - _pending);
            samples[..take].CopyTo(window[_pending..]);
            _pending += take;
            samples = samples[take..];
            if (_pending == SileroVadModel.WindowSamples) Step();
        }
    }

    /// <summary>Ends the stream (a partial last window is zero-padded) and returns the speech regions in seconds.</summary>
    public IReadOnlyList<AudioInterval> Finish()
    {
        if (_pending > 0)
        {
            _input.AsSpan(SileroVadModel.ContextSamples + _pending).Clear();
            Step();
        }
        if (_triggered && _total - _start >= MinSpeechSamples) _speeches.Add((_start, _total));
        _triggered = false;

        var pad = (long)(options.PadSeconds * SileroVadModel.SampleRate);
        var regions = new List<AudioInterval>(_speeches.Count);
        for (var i = 0; i < _speeches.Count; i++)
        {
            var previousEnd = i == 0 ? 0 : _speeches[i - 1].End;
            var nextStart = i == _speeches.Count - 1 ? _total : _speeches[i + 1].Start;
            var start = Math.Max(0, Math.Max(_speeches[i].Start - pad, previousEnd));
            var end = Math.Min(_total, Math.Min(_speeches[i].End + pad, nextStart));
            regions.Add(new AudioInterval(Seconds(start), Seconds(end), 0));
        }
        return regions;
    }

    private long MinSpeechSamples => (long)(options.MinSpeechSeconds * SileroVadModel.SampleRate);

    private void Step()
    {
        var probability = model.Run(_input, _state, _rate);
        _probabilities.Add(probability);
        // The next run's context is this window's last 64 samples.
        _input.AsSpan(_input.Length - SileroVadModel.ContextSamples).CopyTo(_input);
        var current = _processed;
        _processed += SileroVadModel.WindowSamples;
        _pending = 0;

        if (probability >= options.Threshold && _tempEnd != 0) _tempEnd = 0;
        if (probability >= options.Threshold && !_triggered)
        {
            _triggered = true;
            _start = current;
            return;
        }
        if (probability < options.NegativeThreshold && _triggered)
        {
            if (_tempEnd == 0) _tempEnd = current;
            if (current - _tempEnd < (long)(options.MinSilenceSeconds * SileroVadModel.SampleRate)) return;
            if (_tempEnd - _start >= MinSpeechSamples) _speeches.Add((_start, _tempEnd));
            _triggered = false;
            _tempEnd = 0;
        }
    }

    private static double Seconds(long samples) => Math.Round((double)samples / SileroVadModel.SampleRate, 3);
}
