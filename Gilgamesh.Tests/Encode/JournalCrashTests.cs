using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>
/// A crash after each journal step, then the start-up recovery. Stand-in for kill -9 inside one test process:
/// <see cref="CrashSimulation"/> is handled nowhere in the encode path, so files and journal stay exactly as a
/// killed process leaves them; the recovery then runs on a fresh set of services over the same database and disk.
/// </summary>
[NonParallelizable]
public class JournalCrashTests
{
    [TestCase(JournalSteps.Started)]
    [TestCase(JournalSteps.OutputHashed)]
    [TestCase(JournalSteps.Archived)]
    [TestCase(JournalSteps.Replaced)]
    public async Task Recovery_WhenProcessDiedAfterStep_EveryFileExistsOnceInAGoodStateAndTheFileIsDone(string step)
    {
        await using var harness = await EncodeHarness.StartAsync(new CrashAfter(step));
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        var originalSha = await Fingerprint.FullAsync(path);
        await harness.ScanAsync(library);

        Assert.That(async () => await harness.EncodePlannedAsync(library), Throws.TypeOf<CrashSimulation>());
        var recovered = await harness.Get<JournalRecovery>().RecoverAsync(CancellationToken.None);

        Assert.That(recovered, Is.EqualTo(1));
        Assert.That(await harness.Get<JournalStore>().OpenAsync(CancellationToken.None), Is.Empty);
        var archive = Path.Combine(library.ArchiveFolder!, "film.mp4");
        Assert.That(await Fingerprint.FullAsync(archive), Is.EqualTo(originalSha), "the original, archived once");
        Assert.That((await MediaTools.Probe.ProbeAsync(path)).PrimaryVideo!.Codec, Is.EqualTo("hevc"), "the verified output in place");
        Assert.That(Directory.GetFiles(library.Folders[0], "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(library.ArchiveFolder!, StringComparison.Ordinal)), Is.EqualTo(new[] { path }), "no temp or partial file left");
        Assert.That(Directory.GetFiles(library.ArchiveFolder!), Is.EqualTo(new[] { archive }));
        Assert.That((await harness.FileAsync(library, path)).Status, Is.EqualTo(FileStatus.Done));
    }

    [Test]
    public async Task Recovery_WhenOutputVanishedBeforeTheArchiveCopy_RollsBackLeavesTheOriginalAndQueuesTheFileAgain()
    {
        await using var harness = await EncodeHarness.StartAsync(new CrashAfter(JournalSteps.OutputHashed));
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        var originalSha = await Fingerprint.FullAsync(path);
        await harness.ScanAsync(library);
        Assert.That(async () => await harness.EncodePlannedAsync(library), Throws.TypeOf<CrashSimulation>());
        foreach (var output in Directory.GetFiles(Path.Combine(library.Folders[0], ".gilgamesh-work"))) File.Delete(output);

        await harness.Get<JournalRecovery>().RecoverAsync(CancellationToken.None);

        var file = await harness.FileAsync(library, path);
        Assert.That(await Fingerprint.FullAsync(path), Is.EqualTo(originalSha));
        Assert.That(Directory.Exists(library.ArchiveFolder) ? Directory.GetFiles(library.ArchiveFolder!) : [], Is.Empty);
        Assert.That(file.Status, Is.EqualTo(FileStatus.Queued));
        Assert.That(harness.Queue.Enqueued, Is.EqualTo(new[] { file.Id }));
    }

    private sealed class CrashAfter(string step) : EncodeFaults
    {
        public override void After(string reached)
        {
            if (reached == step) throw new CrashSimulation(step);
        }
    }
}
