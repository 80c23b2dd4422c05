using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Runs one decoder and one detector per <see cref="AnalysisSegment"/>, each on its own thread, and joins
/// the cuts each part accepts. A CPU-bound loop at full frame rate reads blocking (see <see cref="FrameReader"/>).
/// When one part fails the others are cancelled and its error is thrown.
/// </summary>
internal sealed class SegmentedDetection(FrameDecoder decoder, string path, MediaInfo info, int expectedFrames, IProgress<double>? progress)
{
    private readonly Lock _progressLock = new();
    private int _framesDone;

    public async Task<(List<FrameCut> Cuts, int Frames, int Height)> RunAsync(
        IReadOnlyList<AnalysisSegment> segments,
        Func<AnalysisSegment, FrameRequest> requestFor,
        Func<int, IFrameCutDetector> createDetector,
        CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parts = segments.Select(s => RunPartAsync(s, requestFor(s), createDetector, failed)).ToList();
        // Parts cancelled because another failed end as cancelled, not faulted, so this throws the real error.
        await Task.WhenAll(parts).ConfigureAwait(false);

        var results = parts.Select(p => p.Result).ToList();
        var cuts = results.SelectMany(r => r.Cuts).OrderBy(c => c.Frame).ToList();
        return (cuts, results.Max(r => r.EndFrame), results[0].Height);
    }

    private async Task<(List<FrameCut> Cuts, int EndFrame, int Height)> RunPartAsync(
        AnalysisSegment segment, FrameRequest request, Func<int, IFrameCutDetector> createDetector, CancellationTokenSource failed)
    {
        try
        {
            await using var reader = decoder.Open(path, info, request, failed.Token);
            var detector = createDetector(reader.Width * reader.Height);
            var (cuts, frames) = await Task.Factory.StartNew(
                () => Analyse(reader, detector, segment.DecodeFrom),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
            var accepted = cuts.Where(c => c.Frame >= segment.AcceptFrom && c.Frame < segment.AcceptTo).ToList();
            return (accepted, segment.DecodeFrom + frames, reader.Height);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Frames of one part, numbered from <paramref name="firstFrame"/> as in a single pass.</summary>
    private (List<FrameCut> Cuts, int Frames) Analyse(FrameReader reader, IFrameCutDetector detector, int firstFrame)
    {
        var cuts = new List<FrameCut>();
        var frames = 0;
        while (reader.Read() is { } frame)
        {
            detector.Add(firstFrame + frame.Index, frame.Pixels, cuts);
            if (++frames % 25 == 0)
            {
                ReportProgress(25);
            }
        }

        detector.Complete(cuts);
        return (cuts, frames);
    }

    private void ReportProgress(int frames)
    {
        if (progress is null)
        {
            return;
        }

        // Parts report from their own threads; one at a time, so the fraction only grows.
        lock (_progressLock)
        {
            _framesDone += frames;
            progress.Report(Math.Min(0.99, (double)_framesDone / expectedFrames));
        }
    }
}
