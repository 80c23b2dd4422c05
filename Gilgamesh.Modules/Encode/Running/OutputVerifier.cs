using System.Globalization;
using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// Checks an output before anything replaces an original, cheapest first: readable, duration within the profile's
/// tolerance, stream counts per the rules, codec and height as planned, size policy, full decode clean, SSIM on
/// sampled frames at or above the threshold. VMAF would belong here too; Debian's ffmpeg has no libvmaf.
/// </summary>
internal sealed class OutputVerifier(MediaProbe probe, FfmpegRunner runner, QualityMeter meter, EncodeOptions options)
{
    public async Task<Verification> VerifyAsync(string original, MediaInfo source, string output, EncodeProfile profile, CancellationToken ct)
    {
        var bytes = new FileInfo(output).Length;
        MediaInfo result;
        try
        {
            result = await probe.ProbeAsync(output, ct);
        }
        catch (GilgameshException e)
        {
            return new Verification($"output unreadable: {e.Message}", false, null, bytes);
        }

        var tolerance = profile.Thresholds.DurationToleranceSeconds;
        if (Math.Abs(result.DurationSeconds - source.DurationSeconds) > tolerance)
            return Fail(FormattableString.Invariant($"duration {result.DurationSeconds:0.00} s against the original's {source.DurationSeconds:0.00} s (tolerance {tolerance} s)"));

        var expectedAudio = profile.Audio.KeepLanguages.Count == 0
            ? source.Streams.Count(s => s.Type == MediaStreamType.Audio)
            : source.Streams.Count(s => s.Type == MediaStreamType.Audio && s.Language is { } l && profile.Audio.KeepLanguages.Contains(l));
        var expectedSubtitles = profile.Subtitles.Keep ? source.Streams.Count(s => s.Type == MediaStreamType.Subtitle) : 0;
        var audio = result.Streams.Count(s => s.Type == MediaStreamType.Audio);
        var subtitles = result.Streams.Count(s => s.Type == MediaStreamType.Subtitle);
        if (audio != expectedAudio || subtitles != expectedSubtitles)
            return Fail(FormattableString.Invariant($"streams: {audio} audio and {subtitles} subtitle, expected {expectedAudio} and {expectedSubtitles}"));

        var video = result.PrimaryVideo;
        var wantedCodec = profile.VideoCodec.ProbeName();
        var sourceHeight = source.PrimaryVideo?.Height ?? 0;
        var wantedHeight = profile.MaxHeight is { } max ? Math.Min(max, sourceHeight) : sourceHeight;
        if (video is null || video.Codec != wantedCodec || video.Height != wantedHeight)
            return Fail($"video {video?.Codec ?? "missing"} {video?.Height}p, planned {wantedCodec} {wantedHeight}p");

        var originalInfo = new FileInfo(original);
        // The original may reach us as a symlink alias (MediaAlias): compare with the file, not the link.
        var originalBytes = (originalInfo.LinkTarget is null ? originalInfo : (FileInfo)originalInfo.ResolveLinkTarget(returnFinalTarget: true)!).Length;
        if (bytes >= originalBytes && !profile.Thresholds.AllowLarger)
            return new Verification(null, true, null, bytes);

        try
        {
            await runner.RunAsync(IntegrityCheck.DecodeCheckArguments(output), cancellationToken: ct);
        }
        catch (FfmpegException e)
        {
            return Fail($"decode of the output: {e.StderrTail.Trim().Split('\n')[^1]}");
        }

        var scores = await meter.MeasureAsync(output, original, options.VerifySampleEvery, cancellationToken: ct);
        if (scores.Ssim < profile.Thresholds.MinSsim)
            return new Verification(string.Create(CultureInfo.InvariantCulture, $"SSIM {scores.Ssim:0.0000} below {profile.Thresholds.MinSsim}"), false, scores.Ssim, bytes);
        return new Verification(null, false, scores.Ssim, bytes);

        Verification Fail(string why) => new(why, false, null, bytes);
    }
}
