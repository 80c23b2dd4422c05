using System.Diagnostics;
using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Planning;

/// <summary>
/// Forecasts an encode's size and time from a short sample encode of the video from the file's middle, scaled by
/// duration, plus the audio kept as it is (its bit rate × duration).
/// </summary>
internal sealed class Forecaster(MediaProbe probe, FfmpegRunner runner)
{
    public const double SampleSeconds = 4;

    public async Task<(long Bytes, double Seconds)> ForecastAsync(CatalogFile file, Library library, string workFolder, CancellationToken ct)
    {
        var input = MediaAlias.For(file.Path, workFolder);
        var info = await probe.ProbeAsync(input, ct);
        var duration = info.DurationSeconds;
        var span = Math.Min(SampleSeconds, duration);
        var start = Math.Max(0, duration / 2 - span / 2);
        Directory.CreateDirectory(workFolder);
        var sample = Path.Combine(workFolder, $"{file.Id:N}.sample.mkv");
        try
        {
            var clock = Stopwatch.StartNew();
            await runner.RunAsync(SampleEncodeArguments.Build(input, sample, library.Profile.ToPreset(), EncoderKind.Cpu,
                MediaTime.FromSeconds(start), MediaTime.FromSeconds(span), library.Profile.MaxHeight), cancellationToken: ct);
            var scale = duration / span;
            var audioBits = info.Streams.Where(s => s.Type == MediaStreamType.Audio).Sum(s => s.BitRate ?? 128_000);
            var bytes = (long)(new FileInfo(sample).Length * scale + audioBits / 8.0 * duration);
            return (bytes, clock.Elapsed.TotalSeconds * scale);
        }
        finally
        {
            File.Delete(sample);
        }
    }
}
