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
internal sealed class SelfTestJobHandler(FfmpegRunner ffmpeg, MediaProbe probe, IObjectStore store, GilgameshOptions options) : IJobHandler
{
    public const string ModuleName = "platform";
    public const string KindName = "selftest";

    public string Module => ModuleName;
    public string Kind => KindName;

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var input = context.GetInput<SelfTestInput>();
        using var scratch = ScratchDirectory.Create(options, "selftest");
        var output = scratch.File("selftest.mp4");

        context.Progress.Report(0, "rendering");
        var arguments = GeneratedClipArguments.Build(output, new GeneratedClipSpec(MediaTime.FromSeconds(input.DurationSeconds)));
        // -re paces the lavfi input at its own rate, so progress is visible rather than instant.
        if (input.Realtime) arguments = "-re " + arguments;
        var percent = new InlineProgress(p => context.Progress.Report(p * 0.9, "rendering"));
        await ffmpeg.RunAsync(arguments, new FfmpegRunOptions(input.DurationSeconds, percent), cancellationToken);

        context.Progress.Report(90, "verifying");
        var info = await probe.ProbeAsync(output, cancellationToken);

        context.Progress.Report(95, "storing");
        var key = $"platform/selftest/{context.JobId:N}.mp4";
        var stored = await store.PutFileAsync(key, output, "video/mp4", cancellationToken);
        context.Progress.Log($"Stored {stored.Size} bytes as {key} (sha256 {stored.Sha256Hex})");

        context.Result = new
        {
            key,
            stored.Size,
            stored.Sha256Hex,
            info.DurationSeconds,
            url = await store.GetSignedUrlAsync(key, TimeSpan.FromHours(1), cancellationToken),
        };
    }
}
