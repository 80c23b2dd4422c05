using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media.Render.Composition;
using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Gilgamesh.Modules.Kernel.Media.Render.Joins;
using Gilgamesh.Modules.Kernel.Media.Render.Loudness;
using Gilgamesh.Modules.Kernel.Media.Render.Retiming;
using Gilgamesh.Modules.Kernel.Media.Render.Subtitles;
using Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>The render kit (see <see cref="IRenderKit"/>): each operation probes, builds its command with a pure builder, runs it into a temporary name, renames.</summary>
internal sealed class RenderKit(MediaProbe probe, SourceVideoProbe videoProbe, RenderRunner runner, SmartCutter cutter, CrossfadeJoiner crossfades,
    ThumbnailPicker thumbnails, ILogger<RenderKit> logger) : IRenderKit
{
    public Task<SmartCutPlan> CutAsync(CutRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        cutter.CutAsync(request, progress, cancellationToken);

    public async Task ComposeAsync(CompositionRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        var seconds = request.Duration?.Seconds ?? info.DurationSeconds - (request.Start?.Seconds ?? 0);
        using var output = new RenderOutput(request.Output);
        await runner.RunAsync(CompositionArguments.Build(request, output.Temporary, info.PrimaryAudio is not null), seconds, progress, cancellationToken)
            .ConfigureAwait(false);
        output.Commit();
    }

    public async Task BurnSubtitlesAsync(SubtitleRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var style = request.Style ?? new SubtitleStyle();
        await FontCheck.RequireAsync(style.FontName, cancellationToken).ConfigureAwait(false);
        var info = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        var video = info.PrimaryVideo ?? throw new GilgameshException(ErrorCodes.MediaUnreadable, "burning subtitles needs a video stream", 422);
        using var output = new RenderOutput(request.Output);
        using var scratch = new RenderScratch(output);
        await File.WriteAllTextAsync(scratch.File("subtitles.ass"),
            AssDocument.Render(request.Cues, style, video.Width ?? 1920, video.Height ?? 1080), cancellationToken).ConfigureAwait(false);
        var arguments = SubtitleArguments.Burn(request.Input, output.Temporary, "subtitles.ass", request.Encoding, info.PrimaryAudio is not null);
        await runner.RunAsync(arguments, info.DurationSeconds, progress, cancellationToken, workingDirectory: scratch.Path).ConfigureAwait(false);
        output.Commit();
    }

    public async Task<string> AddSoftSubtitlesAsync(SubtitleRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        using var output = new RenderOutput(request.Output);
        var sidecar = Path.ChangeExtension(output.Final, ".vtt");
        var sidecarTemporary = Path.ChangeExtension(output.Temporary, ".vtt");
        try
        {
            await File.WriteAllTextAsync(sidecarTemporary, WebVttDocument.Render(request.Cues), cancellationToken).ConfigureAwait(false);
            await runner.RunAsync(SubtitleArguments.Soft(request.Input, sidecarTemporary, output.Temporary, request.Language), info.DurationSeconds,
                progress, cancellationToken).ConfigureAwait(false);
            File.Move(sidecarTemporary, sidecar, overwrite: true);
            output.Commit();
            return sidecar;
        }
        finally
        {
            File.Delete(sidecarTemporary);
        }
    }

    public async Task<LoudnessMeasurement> NormalizeLoudnessAsync(LoudnessRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var target = request.Target ?? LoudnessTarget.Streaming;
        var info = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        if (info.PrimaryAudio is null)
        {
            throw new GilgameshException(ErrorCodes.MediaUnreadable, $"no audio stream to normalise in {Path.GetFileName(request.Input)}", 422);
        }

        // Pass 1 reads and measures (about a third of the work); pass 2 filters and encodes.
        var stderr = await runner.RunAsync(LoudnessArguments.Measure(request.Input, target), info.DurationSeconds,
            ProgressPart.Of(progress, 0, 0.35), cancellationToken, logLevel: "info").ConfigureAwait(false);
        var measured = LoudnessArguments.ParseMeasurement(stderr);
        logger.LogInformation("Loudness of {Input}: {Integrated} LUFS, {TruePeak} dBTP, LRA {Range} LU; target {Target} LUFS",
            Path.GetFileName(request.Input), measured.IntegratedLufs, measured.TruePeakDbtp, measured.LoudnessRange, target.IntegratedLufs);
        using var output = new RenderOutput(request.Output);
        await runner.RunAsync(LoudnessArguments.Apply(request.Input, output.Temporary, target, measured, info.PrimaryVideo is not null),
            info.DurationSeconds, ProgressPart.Of(progress, 0.35, 1), cancellationToken).ConfigureAwait(false);
        output.Commit();
        return measured;
    }

    public async Task RetimeAsync(RetimeRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        var video = await videoProbe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        var rate = video.FrameRate;
        var sourceFrames = Math.Max(1, rate.NearestFrame(video.DurationSeconds));
        var (speed, frames) = request.ExactFrames is { } exact
            ? ((double)sourceFrames / exact, exact)
            : (request.Speed, Math.Max(1, (long)Math.Round(sourceFrames / request.Speed)));
        using var output = new RenderOutput(request.Output);
        await runner.RunAsync(RetimeArguments.Build(request.Input, output.Temporary, speed, frames, rate, request.Mirror, info.PrimaryAudio is not null, request.Encoding),
            rate.TimeOf(frames), progress, cancellationToken).ConfigureAwait(false);
        output.Commit();
    }

    public async Task<JoinPlan> JoinAsync(JoinRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.Count == 0)
        {
            throw new ArgumentException("a join needs inputs", nameof(request));
        }

        var infos = new List<MediaInfo>();
        foreach (var input in request.Inputs)
        {
            infos.Add(await probe.ProbeAsync(input, cancellationToken).ConfigureAwait(false));
        }

        var first = infos[0].PrimaryVideo ?? throw new GilgameshException(ErrorCodes.MediaUnreadable, "joins need video inputs", 422);
        var audio = infos.All(i => i.PrimaryAudio is not null);
        var seconds = infos.Sum(i => i.DurationSeconds);
        var mismatch = JoinCompatibility.Mismatch(infos);
        using var output = new RenderOutput(request.Output);
        using var scratch = new RenderScratch(output);
        JoinPlan plan;
        string arguments;
        if (request.Crossfade is { } fade)
        {
            var (reason, sources) = mismatch is null ? await crossfades.CheckAsync(request.Inputs, cancellationToken).ConfigureAwait(false) : (mismatch, []);
            if (reason is null)
            {
                plan = new JoinPlan(JoinMethod.Crossfade, null);
                logger.LogInformation("Join of {Count} inputs by {Method}", request.Inputs.Count, plan.Method);
                await crossfades.JoinAsync(request.Inputs, sources, fade, output, progress, cancellationToken).ConfigureAwait(false);
                output.Commit();
                return plan;
            }

            plan = new JoinPlan(JoinMethod.CrossfadeFilter, reason);
            arguments = JoinArguments.Crossfade(request.Inputs, infos.Select(i => i.DurationSeconds).ToList(), fade.Seconds, output.Temporary,
                first.Width ?? 1920, first.Height ?? 1080, FrameRateOf(first), audio, request.Encoding);
            seconds -= fade.Seconds * (request.Inputs.Count - 1);
        }
        else if (mismatch is null)
        {
            plan = new JoinPlan(JoinMethod.ConcatDemuxer, null);
            var list = scratch.File("inputs.txt");
            await File.WriteAllTextAsync(list, ConcatListFile.Render(request.Inputs), cancellationToken).ConfigureAwait(false);
            arguments = ConcatArguments.Build(list, output.Temporary) + " -f mp4";
        }
        else
        {
            plan = new JoinPlan(JoinMethod.ConcatFilter, mismatch);
            arguments = JoinArguments.Filter(request.Inputs, output.Temporary, first.Width ?? 1920, first.Height ?? 1080, FrameRateOf(first), audio, request.Encoding);
        }

        logger.LogInformation("Join of {Count} inputs by {Method}{Reason}", request.Inputs.Count, plan.Method, plan.Reason is null ? "" : $": {plan.Reason}");
        await runner.RunAsync(arguments, seconds, progress, cancellationToken).ConfigureAwait(false);
        output.Commit();
        return plan;
    }

    public Task<Thumbnail> ThumbnailAsync(ThumbnailRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        thumbnails.PickAsync(request, progress, cancellationToken);

    private static FrameRate FrameRateOf(MediaStreamInfo video)
    {
        var fps = video.FramesPerSecond is > 0 and var f ? f : 25;
        // ffprobe's average rate as a double; NTSC rates back to their fractions so frame times stay exact.
        foreach (var (n, d) in new[] { (24000, 1001), (30000, 1001), (60000, 1001) })
        {
            if (Math.Abs(fps - (double)n / d) < 0.001)
            {
                return new FrameRate(n, d);
            }
        }

        return Math.Abs(fps - Math.Round(fps)) < 0.001 ? new FrameRate((int)Math.Round(fps), 1) : new FrameRate((int)Math.Round(fps * 1000), 1000);
    }
}
