using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Writes one JPEG per scene at source resolution (OCR downstream needs real pixels, not the 160 px
/// analysis frames), taken from the scene's middle: far from both boundaries, so never inside a
/// dissolve. Either a fast input seek per image, a few at a time, or one pass over the file selecting
/// the same frames, whichever <see cref="KeyframePlan"/> expects to decode fewer frames.
/// </summary>
internal sealed class KeyframeWriter(FfmpegRunner runner, MediaProbe probe)
{
    /// <summary>Seeks run this many at a time (each is one single-threaded decode).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Images per pass (at most <see cref="KeyframeArguments.MaxTimesPerPass"/>); later passes seek to their first.</summary>
    public int TimesPerPass { get; init; } = KeyframeArguments.MaxTimesPerPass;

    /// <returns>The image of scene i + 1 at index i, named <see cref="KeyframeArguments.FileName"/>.</returns>
    /// <param name="onePass">Null: planned; true or false forces one pass or seeks.</param>
    public async Task<IReadOnlyList<string>> WriteAsync(string input, IReadOnlyList<double> times, double fps, double durationSeconds, string directory, bool? onePass, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var paths = times.Select((_, i) => Path.Combine(directory, KeyframeArguments.FileName(i + 1))).ToList();
        if (times.Count == 0)
        {
            return paths;
        }

        onePass ??= times.Count > Parallelism
            && KeyframePlan.OnePassIsCheaper(times, await probe.KeyPacketTimesAsync(input, cancellationToken).ConfigureAwait(false), fps, durationSeconds, Parallelism);
        if (onePass.Value)
        {
            // Stale images of an earlier run must not pass for ones this pass skipped.
            paths.ForEach(File.Delete);
            for (var first = 0; first < times.Count; first += TimesPerPass)
            {
                var group = times.Skip(first).Take(TimesPerPass).ToList();
                // A later group seeks to a second before its first image instead of decoding from the start.
                var from = first == 0 ? 0 : Math.Max(0, Math.Round(group[0] - 1, 3));
                await runner.RunAsync(KeyframeArguments.Pass(input, group, from, first + 1, directory), cancellationToken: cancellationToken).ConfigureAwait(false);
                var written = paths.Skip(first).Take(group.Count).ToList();
                if (!written.All(File.Exists))
                {
                    // Two times fell on one frame, so every later image of the group took the wrong number:
                    // the group is taken by seeks instead.
                    written.ForEach(File.Delete);
                }
            }
        }

        // Seeks take every image a pass did not write.
        var missing = Enumerable.Range(0, times.Count).Where(i => !onePass.Value || !File.Exists(paths[i])).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = cancellationToken },
            async (i, ct) => await runner.RunAsync(KeyframeArguments.Seek(input, times[i], paths[i]), cancellationToken: ct).ConfigureAwait(false)).ConfigureAwait(false);
        return paths;
    }
}
