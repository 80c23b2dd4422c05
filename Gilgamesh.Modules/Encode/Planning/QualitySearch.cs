using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Planning;

/// <summary>
/// Quality targeting: the highest CRF/CQ (the smallest output) whose sample still reaches the profile's target SSIM.
/// A short span from the file's middle is cut losslessly as the reference; candidates are encoded from the same span
/// with the profile's preset and measured against it. The search brackets the target within ±<see cref="Reach"/> of
/// the profile's quality and narrows by interpolating where SSIM crosses the target (regula falsi on whole values),
/// at most <see cref="MaxProbes"/> encodes. Nothing meets it → best effort: the lowest value tried, recorded as not met.
/// Cached per file fingerprint and profile version (<see cref="QualitySearchStore"/>).
/// </summary>
internal sealed class QualitySearch(MediaProbe probe, FfmpegRunner runner, QualityMeter meter, QualitySearchStore store)
{
    public const double SampleSeconds = 3;
    public const int Reach = 10;
    public const int MaxProbes = 6;

    public async Task<QualityChoice> ChooseAsync(CatalogFile file, string fingerprint, Library library, string workFolder, CancellationToken ct)
    {
        var profile = library.Profile;
        var target = profile.TargetSsim ?? throw new InvalidOperationException("the profile has no target SSIM");
        if (await store.FindAsync(fingerprint, library.ProfileVersion, ct) is { } cached) return cached;

        var input = MediaAlias.For(file.Path, workFolder);
        var duration = (await probe.ProbeAsync(input, ct)).DurationSeconds;
        var span = Math.Min(SampleSeconds, duration);
        var start = MediaTime.FromSeconds(Math.Max(0, duration / 2 - span / 2));
        Directory.CreateDirectory(workFolder);
        var reference = Path.Combine(workFolder, $"{file.Id:N}.reference.mkv");
        var candidate = Path.Combine(workFolder, $"{file.Id:N}.candidate.mkv");
        var probes = new SortedDictionary<int, double>();
        try
        {
            // CRF 0 of libx264 is lossless: the reference is the source's frames, not another encode's.
            await runner.RunAsync(SampleEncodeArguments.Build(input, reference, new EncodePreset(VideoCodec.H264, 0, Speed: "ultrafast"), EncoderKind.Cpu,
                start, MediaTime.FromSeconds(span)), cancellationToken: ct);

            async Task<double> Ssim(int quality)
            {
                if (probes.TryGetValue(quality, out var known)) return known;
                await runner.RunAsync(SampleEncodeArguments.Build(input, candidate, (profile with { Quality = quality }).ToPreset(), EncoderKind.Cpu,
                    start, MediaTime.FromSeconds(span), profile.MaxHeight), cancellationToken: ct);
                return probes[quality] = (await meter.MeasureAsync(candidate, reference, 1, cancellationToken: ct)).Ssim;
            }

            var max = profile.ToPreset().MaxQuality;
            int low = Math.Max(0, profile.Quality - Reach), high = Math.Min(max, profile.Quality + Reach);
            var choice = await SearchAsync(Ssim, low, high, target);
            var result = new QualityChoice(choice.Quality, choice.Ssim, choice.Met, new Dictionary<int, double>(probes));
            await store.SaveAsync(fingerprint, library.ProfileVersion, result, ct);
            return result;
        }
        finally
        {
            File.Delete(reference);
            File.Delete(candidate);
        }
    }

    /// <summary>The highest value in [low, high] whose SSIM reaches the target (SSIM falls as the value rises).</summary>
    internal static async Task<(int Quality, double Ssim, bool Met)> SearchAsync(Func<int, Task<double>> ssim, int low, int high, double target)
    {
        var atLow = await ssim(low);
        if (atLow < target) return (low, atLow, false);
        var atHigh = await ssim(high);
        if (atHigh >= target) return (high, atHigh, true);
        for (var tried = 2; high - low > 1 && tried < MaxProbes; tried++)
        {
            var guess = low + (int)Math.Round((atLow - target) / (atLow - atHigh) * (high - low));
            guess = Math.Clamp(guess, low + 1, high - 1);
            var measured = await ssim(guess);
            if (measured >= target) (low, atLow) = (guess, measured);
            else (high, atHigh) = (guess, measured);
        }

        return (low, atLow, true);
    }
}
