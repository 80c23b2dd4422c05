using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// Runs a frame-exact cut: plans it (<see cref="SmartCutPlanner"/>), renders each span as an MPEG-TS part
/// (copied GOPs, edges re-encoded with <see cref="MatchedEncoder"/>), cuts the span's audio once, then joins the
/// parts with the concat demuxer and muxes the audio. Progress is weighted by frames re-encoded (the cost).
/// </summary>
internal sealed class SmartCutter(SourceVideoProbe probe, RenderRunner runner, ILogger<SmartCutter> logger)
{
    public async Task<SmartCutPlan> CutAsync(CutRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var source = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        var keys = await probe.KeyPacketsAsync(request.Input, source.StartSeconds + request.Start.Seconds,
            source.StartSeconds + request.End.Seconds + 0.1, cancellationToken).ConfigureAwait(false);
        var plan = SmartCutPlanner.Plan(source, keys, request.Start, request.End, request.ForceFullReEncode);
        if (plan.FullReEncodeReason is { } reason)
        {
            logger.LogInformation("Cut of {Input} [{Start}, {End}): full re-encode of {Frames} frames because {Reason}",
                Path.GetFileName(request.Input), request.Start, request.End, plan.FrameCount, reason);
        }
        else
        {
            logger.LogInformation("Cut of {Input} [{Start}, {End}): {Copied} of {Frames} frames copied, {Spans} spans",
                Path.GetFileName(request.Input), request.Start, request.End, plan.CopiedFrames, plan.FrameCount, plan.Spans.Count);
        }

        using var output = new RenderOutput(request.Output);
        using var scratch = new RenderScratch(output);
        var rate = plan.FrameRate;
        var encoder = MatchedEncoder.Arguments(source, request.Edges);

        var parts = await RenderPartsAsync(request.Input, plan, encoder, scratch, "cut", ProgressPart.Of(progress, 0, 0.9), cancellationToken)
            .ConfigureAwait(false);

        string? audio = null;
        var seconds = rate.TimeOf(plan.FrameCount);
        if (source.HasAudio)
        {
            audio = scratch.File("audio.m4a");
            await runner.RunAsync(SmartCutArguments.Audio(request.Input, audio, rate.TimeOf(plan.StartFrame), seconds), seconds,
                ProgressPart.Of(progress, 0.9, 0.95), cancellationToken).ConfigureAwait(false);
        }

        var list = scratch.File("parts.txt");
        await File.WriteAllTextAsync(list, ConcatListFile.Render(parts), cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(SmartCutArguments.Mux(list, audio, output.Temporary), seconds, ProgressPart.Of(progress, 0.95, 1),
            cancellationToken).ConfigureAwait(false);
        output.Commit();
        return plan;
    }

    /// <summary>
    /// Renders a plan's spans as MPEG-TS parts in <paramref name="scratch"/> (copied GOPs, edges re-encoded with
    /// <paramref name="encoder"/>), in order. Progress is weighted by cost: a re-encoded frame costs far more than a copied one.
    /// </summary>
    public async Task<List<string>> RenderPartsAsync(string input, SmartCutPlan plan, string encoder, RenderScratch scratch, string prefix,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var rate = plan.FrameRate;
        var weights = plan.Spans.Select(s => s.Kind == CutSpanKind.ReEncode ? s.FrameCount : s.FrameCount / 50.0 + 1).ToList();
        var total = weights.Sum();
        var done = 0.0;
        var parts = new List<string>();
        for (var index = 0; index < plan.Spans.Count; index++)
        {
            var span = plan.Spans[index];
            var part = scratch.File($"{prefix}-{index:000}.ts");
            var arguments = span.Kind == CutSpanKind.Copy
                ? SmartCutArguments.CopySpan(input, part, rate.TimeOf(span.StartFrame), span.FrameCount)
                : SmartCutArguments.EncodeSpan(input, part, rate.TimeOf(span.StartFrame), rate.TimeOf(1), span.FrameCount, encoder);
            await runner.RunAsync(arguments, rate.TimeOf(span.FrameCount), ProgressPart.Of(progress, done / total, (done + weights[index]) / total),
                cancellationToken).ConfigureAwait(false);
            done += weights[index];
            parts.Add(part);
        }

        return parts;
    }
}
