using System.Globalization;

// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Measures an encode against its source (<see cref="QualityMetricsArguments"/>), reading ffmpeg's per-frame
/// statistics files from a scratch folder.
/// </summary>
internal sealed class QualityMeter(FfmpegRunner runner, MediaProbe probe)
{
    /// <summary>PSNR given to identical frames (ffmpeg writes <c>inf</c>).</summary>
    public const double PsnrCeiling = 100;

    public async Task<QualityScores> MeasureAsync(string distorted, string reference, int sampleEvery = 10,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var distortedInfo = await probe.ProbeAsync(distorted, cancellationToken).ConfigureAwait(false);
        var video = distortedInfo.PrimaryVideo
            ?? throw new ArgumentException($"{Path.GetFileName(distorted)} has no video stream to measure", nameof(distorted));
        var folder = Directory.CreateTempSubdirectory("gilgamesh-quality-");
        try
        {
            var arguments = QualityMetricsArguments.Build(Path.GetFullPath(distorted), Path.GetFullPath(reference), sampleEvery, video.Width ?? 0, video.Height ?? 0);
            await runner.RunAsync(arguments, new FfmpegRunOptions(distortedInfo.DurationSeconds, progress, folder.FullName), cancellationToken).ConfigureAwait(false);
            var ssim = ReadValues(Path.Combine(folder.FullName, QualityMetricsArguments.SsimLog), "All:");
            var psnr = ReadValues(Path.Combine(folder.FullName, QualityMetricsArguments.PsnrLog), "psnr_avg:");
            if (ssim.Count == 0)
                throw new InvalidOperationException($"no frames of {Path.GetFileName(distorted)} could be compared with its source");
            return new QualityScores(ssim.Average(), psnr.Count == 0 ? 0 : psnr.Average(), ssim.Count, ssim.Min());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Values after <paramref name="key"/> on each line, e.g. <c>n:1 Y:0.99 U:0.98 V:0.98 All:0.987 (18.9)</c>.</summary>
    internal static List<double> ReadValues(string path, string key)
    {
        var values = new List<double>();
        if (!File.Exists(path)) return values;
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf(key, StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = line.AsSpan(at + key.Length);
            var end = rest.IndexOf(' ');
            var token = end < 0 ? rest : rest[..end];
            if (token.SequenceEqual("inf"))
                values.Add(PsnrCeiling);
            else if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                values.Add(Math.Min(value, PsnrCeiling));
        }

        return values;
    }
}
