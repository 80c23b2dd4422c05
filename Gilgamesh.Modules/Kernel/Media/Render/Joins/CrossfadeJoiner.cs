using Gilgamesh.Modules.Kernel.Media.Render.Cuts;

namespace Gilgamesh.Modules.Kernel.Media.Render.Joins;

/// <summary>
/// Crossfades rendered only around each boundary: every input's middle is smart-cut (whole GOPs copied, edges
/// re-encoded to match), each boundary's fade frames are encoded with the same matched encoder, the audio is joined
/// once with <c>acrossfade</c>, and the parts are joined by the concat demuxer like a smart cut's.
/// </summary>
internal sealed class CrossfadeJoiner(SourceVideoProbe probe, SmartCutter cutter, RenderRunner runner)
{
    /// <summary>Null when the inputs can be joined this way, else why not (the caller falls back to one filter graph).</summary>
    public async Task<(string? Reason, IReadOnlyList<SourceVideo> Sources)> CheckAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var sources = new List<SourceVideo>();
        foreach (var input in inputs)
        {
            var source = await probe.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
            var why = SmartCutPlanner.WhyNotMatchable(source, new KeyPackets([], false));
            if (why is not null)
            {
                return (why, sources);
            }

            sources.Add(source);
        }

        return sources.Any(s => s.FrameRate != sources[0].FrameRate || s.PixelFormat != sources[0].PixelFormat)
            ? ("the inputs' frame rates or pixel formats differ", sources)
            : (null, sources);
    }

    public async Task JoinAsync(IReadOnlyList<string> inputs, IReadOnlyList<SourceVideo> sources, MediaTime fade, RenderOutput output,
        IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var scratch = new RenderScratch(output);
        var rate = sources[0].FrameRate;
        var fadeFrames = Math.Max(1, rate.FrameAtOrAfter(fade.Seconds));
        var encoder = MatchedEncoder.Arguments(sources[0], SmartCutEdges.Matched);
        var frames = sources.Select(s => rate.NearestFrame(s.DurationSeconds)).ToList();
        if (frames.Any(f => f <= 2 * fadeFrames))
        {
            throw new ArgumentOutOfRangeException(nameof(fade), fade, "every input must be longer than two fades");
        }

        var parts = new List<string>();
        var step = 0.9 / (2 * inputs.Count - 1);
        for (var i = 0; i < inputs.Count; i++)
        {
            var startFrame = i > 0 ? fadeFrames : 0;
            var endFrame = i < inputs.Count - 1 ? frames[i] - fadeFrames : frames[i];
            var keys = await probe.KeyPacketsAsync(inputs[i], sources[i].StartSeconds + rate.TimeOf(startFrame),
                sources[i].StartSeconds + rate.TimeOf(endFrame) + 0.1, cancellationToken).ConfigureAwait(false);
            var plan = SmartCutPlanner.PlanFrames(sources[i], keys, startFrame, endFrame);
            parts.AddRange(await cutter.RenderPartsAsync(inputs[i], plan, encoder, scratch, $"body{i}",
                ProgressPart.Of(progress, 2 * i * step, (2 * i + 1) * step), cancellationToken).ConfigureAwait(false));
            if (i < inputs.Count - 1)
            {
                var boundary = scratch.File($"fade{i}.ts");
                await runner.RunAsync(CrossfadeArguments.Boundary(inputs[i], rate.TimeOf(endFrame), rate.TimeOf(1), inputs[i + 1], fadeFrames, encoder, boundary),
                    rate.TimeOf(fadeFrames), ProgressPart.Of(progress, (2 * i + 1) * step, (2 * i + 2) * step), cancellationToken).ConfigureAwait(false);
                parts.Add(boundary);
            }
        }

        var seconds = rate.TimeOf(frames.Sum() - (inputs.Count - 1) * fadeFrames);
        string? audio = null;
        if (sources.All(s => s.HasAudio))
        {
            audio = scratch.File("audio.m4a");
            await runner.RunAsync(CrossfadeArguments.Audio(inputs, rate.TimeOf(fadeFrames), audio), seconds, ProgressPart.Of(progress, 0.9, 0.95),
                cancellationToken).ConfigureAwait(false);
        }

        var list = scratch.File("parts.txt");
        await File.WriteAllTextAsync(list, ConcatListFile.Render(parts), cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(SmartCutArguments.Mux(list, audio, output.Temporary), seconds, ProgressPart.Of(progress, 0.95, 1), cancellationToken)
            .ConfigureAwait(false);
    }
}
