using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Control;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Tests.Support;
using Gilgamesh.Modules.Kernel.Media.Encoders;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Encode;

[NonParallelizable]
public class QueueControlTests
{
    [Test]
    public async Task Pause_WhenGlobalQueueIsPaused_NothingStartsAndResumeContinues()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        var originalSha = await Fingerprint.FullAsync(path);
        await harness.ScanAsync(library);
        await harness.Get<QueueControl>().SetPausedAsync(true, CancellationToken.None);

        var whilePaused = await harness.EncodePlannedAsync(library);
        var untouched = await Fingerprint.FullAsync(path) == originalSha;
        await harness.Get<QueueControl>().SetPausedAsync(false, CancellationToken.None);
        var started = await ControlEndpoints.StartQueuedAsync(harness.Get<QueueControl>(), harness.Get<LibraryStore>(), harness.Get<CatalogStore>(),
            harness.Queue, CancellationToken.None);
        var afterResume = await harness.Get<FileEncoder>().ProcessAsync(harness.Queue.Enqueued.Single(), null, CancellationToken.None);

        Assert.That(whilePaused.Single().Status, Is.EqualTo(FileStatus.Queued));
        Assert.That(untouched, Is.True);
        Assert.That(started, Is.EqualTo(1));
        Assert.That(afterResume.Status, Is.EqualTo(FileStatus.Done));
    }

    [Test]
    public async Task Pause_WhenOnlyTheLibraryIsPaused_ItsFilesWaitAndResumeLeavesOtherLibrariesAlone()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync();
        await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        await harness.ScanAsync(library);
        await harness.Get<LibraryStore>().SetPausedAsync(library.Id, true, CancellationToken.None);

        var result = (await harness.EncodePlannedAsync(library)).Single();
        var startedWhilePaused = await ControlEndpoints.StartQueuedAsync(harness.Get<QueueControl>(), harness.Get<LibraryStore>(),
            harness.Get<CatalogStore>(), harness.Queue, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(FileStatus.Queued));
        Assert.That(startedWhilePaused, Is.EqualTo(0));
    }

    [Test]
    public async Task Encode_WhenGpuStandInWorksButTheSessionBudgetIsZero_FallsBackToCpuAndRecordsWhy()
    {
        // No GPU here: the NVENC probe is replaced by a stand-in that says it works, so the lease path is reached.
        await using var harness = await EncodeHarness.StartAsync(budgets: b => b.Capacities["gpu0"] = 0,
            replace: s => s.AddSingleton<NvencAvailability>(new GpuStandIn()));
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { Encoder = "auto" });
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        await harness.ScanAsync(library);

        var result = (await harness.EncodePlannedAsync(library)).Single();

        Assert.That(result.Status, Is.EqualTo(FileStatus.Done));
        Assert.That(result.Reasons, Has.Some.Contains("cpu fallback: no NVENC session free on gpu0 (0 of 0 leased)"));
        Assert.That((await harness.FileAsync(library, path)).ChosenEncoder, Is.EqualTo("libx265"));
    }

    [Test]
    public async Task Encode_WhenTheOnlyGpuSessionIsLeasedByAnotherInstance_FallsBackToCpuAndSaysWhoHoldsIt()
    {
        // The kernel's budget counts leases across instances: one held here (as another instance's encode would) is the whole budget.
        await using var harness = await EncodeHarness.StartAsync(budgets: b => b.Capacities["gpu0"] = 1,
            replace: s => s.AddSingleton<NvencAvailability>(new GpuStandIn()));
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { Encoder = "auto" });
        await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        await harness.ScanAsync(library);
        await using var elsewhere = await harness.Get<IBudgets>().AcquireAsync("gpu0", null, TimeSpan.Zero, CancellationToken.None);

        var result = (await harness.EncodePlannedAsync(library)).Single();

        Assert.That(elsewhere, Is.Not.Null);
        Assert.That(result.Reasons, Has.Some.Contains("cpu fallback: no NVENC session free on gpu0 (1 of 1 leased)"));
    }

    [Test]
    public async Task Encode_WhenProfileAllowsNvencAndThisMachineHasNoGpu_RecordsTheProbeReasonAndUsesCpu()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { Encoder = "auto" });
        await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        await harness.ScanAsync(library);
        var hasDevice = File.Exists("/dev/nvidia0");

        var result = (await harness.EncodePlannedAsync(library)).Single();

        Assert.That(result.Status, Is.EqualTo(FileStatus.Done));
        Assert.That(result.Reasons.Any(r => r.StartsWith("cpu: NVENC unavailable", StringComparison.Ordinal)), Is.EqualTo(!hasDevice));
    }

    private sealed class GpuStandIn() : NvencAvailability(null!)
    {
        public override Task<EncoderProbeResult> ProbeAsync(VideoCodec codec, CancellationToken ct) =>
            Task.FromResult(new EncoderProbeResult("hevc_nvenc", EncoderKind.Nvenc, true, null));
    }
}
