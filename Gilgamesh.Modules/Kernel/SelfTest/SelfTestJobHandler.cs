using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Kernel.SelfTest;

/// <summary>
/// The platform self-test an operator starts from the Jobs page: ffmpeg renders a test pattern with a
/// tone, the result is probed and stored, and a signed link to it becomes the job's result. It touches
/// every kernel part a real job does: queue, progress, ffmpeg, storage.
/// </summary>
internal sealed class SelfTestJobHandler(FfmpegRunner ffmpeg, MediaProbe probe, IObjectStore store, GilgameshOptions options)
    : IJobHandler<SelfTestInput, SelfTestResult>
{
    public static readonly JobKind<SelfTestInput, SelfTestResult> Kind = new("platform", "selftest", JobQueues.Media);

    public async Task<SelfTestResult> ExecuteAsync(SelfTestInput input, JobContext context, CancellationToken cancellationToken)
    {
        using var scratch = ScratchDirectory.Create(options, "selftest");
        var output = scratch.File("selftest.mp4");

        context.Progress.Report(0, "rendering");
        var arguments = GeneratedClipArguments.Build(output, new GeneratedClipSpec(MediaTime.FromSeconds(input.DurationSeconds)));
        // -re paces the lavfi input at its own rate, so progress is visible rather than instant.
        if (input.Realtime) arguments = "-re " + arguments;
        await ffmpeg.RunAsync(arguments, new FfmpegRunOptions(input.DurationSeconds, context.Progress.Part(0, 0.9)), cancellationToken);

        context.Progress.Report(0.9, "verifying");
        var info = await probe.ProbeAsync(output, cancellationToken);

        context.Progress.Report(0.95, "storing");
        var key = $"platform/selftest/{context.JobId:N}.mp4";
        var stored = await store.PutFileAsync(key, output, "video/mp4", cancellationToken);
        context.Progress.Log($"Stored {stored.Size} bytes as {key} (sha256 {stored.Sha256Hex})");

        return new SelfTestResult(key, stored.Size, stored.Sha256Hex, info.DurationSeconds,
            await store.GetSignedUrlAsync(key, TimeSpan.FromHours(1), cancellationToken));
    }
}

/// <summary>Result of the self-test: the stored clip and a signed link to it.</summary>
public sealed record SelfTestResult(string Key, long Size, string Sha256Hex, double DurationSeconds, string Url);
