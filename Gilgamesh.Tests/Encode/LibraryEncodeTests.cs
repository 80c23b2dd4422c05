using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>A temp library of generated files taken through scan, plan, encode, verify and the journaled replace.</summary>
[NonParallelizable]
public class LibraryEncodeTests
{
    [Test]
    public async Task Encode_WhenHighBitrateH264At1080p_EncodesVerifiesReplacesAndArchivesTheOriginalWithItsHash()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { MaxHeight = 720 });
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"), 1920, 1080);
        var originalSha = await Fingerprint.FullAsync(path);

        await harness.ScanAsync(library);
        var planned = await harness.FileAsync(library, path);
        var results = await harness.EncodePlannedAsync(library);

        Assert.That(planned.Status, Is.EqualTo(FileStatus.Planned));
        Assert.That(planned.Reasons, Has.Some.Contains("h264 1080p").And.Some.Contains("over max 1.5 Mb/s"));
        Assert.That(results.Single().Status, Is.EqualTo(FileStatus.Done), string.Join("; ", results.Single().Reasons));
        var encoded = await MediaTools.Probe.ProbeAsync(path);
        Assert.That((encoded.PrimaryVideo!.Codec, encoded.PrimaryVideo.Height), Is.EqualTo(("hevc", 720)));
        var archived = Path.Combine(library.ArchiveFolder!, "film.mp4");
        Assert.That(await Fingerprint.FullAsync(archived), Is.EqualTo(originalSha));
        Assert.That(Directory.GetFiles(Path.Combine(library.Folders[0], ".gilgamesh-work")), Is.Empty);
        var row = await harness.FileAsync(library, path);
        Assert.That(row.Ssim, Is.GreaterThan(0.8));
        Assert.That(row.ChosenEncoder, Is.EqualTo("libx265"));
    }

    [Test]
    public async Task Scan_WhenLibraryHoldsCompliantTruncatedEmptyAndOddlyNamedFiles_ClassifiesEachAndTouchesNone()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync();
        var folder = library.Folders[0];
        var compliant = await EncodeMedia.CompliantHevcAsync(Path.Combine(folder, "already hevc.mp4"));
        var whole = await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "whole.mp4"));
        var truncated = Path.Combine(folder, "truncated.mp4");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        File.Delete(whole);
        var empty = Path.Combine(folder, "empty.mp4");
        await File.WriteAllBytesAsync(empty, []);
        var odd = await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "sub dir", "a \"quoted\" fïlm — l'été 日本.mp4"));
        var before = await HashesAsync(compliant, truncated, empty);

        await harness.ScanAsync(library);

        Assert.That((await harness.FileAsync(library, compliant)).Status, Is.EqualTo(FileStatus.Compliant));
        var corrupt = await harness.FileAsync(library, truncated);
        Assert.That(corrupt.Status, Is.EqualTo(FileStatus.Corrupt));
        Assert.That(corrupt.Reasons.Single(), Does.Contain("ffprobe").Or.Contain("decode"));
        Assert.That((await harness.FileAsync(library, empty)).Status, Is.EqualTo(FileStatus.Skipped));
        Assert.That((await harness.FileAsync(library, odd)).Status, Is.EqualTo(FileStatus.Planned));
        var results = await harness.EncodePlannedAsync(library);
        Assert.That(results.Single().Status, Is.EqualTo(FileStatus.Done), string.Join("; ", results.Single().Reasons));
        Assert.That((await MediaTools.Probe.ProbeAsync(MediaAliasFor(odd, library))).PrimaryVideo!.Codec, Is.EqualTo("hevc"));
        Assert.That(await HashesAsync(compliant, truncated, empty), Is.EqualTo(before));
    }

    [Test]
    public async Task Scan_WhenFileIsStillBeingAppended_TakesItOnlyOnceStable()
    {
        await using var harness = await EncodeHarness.StartAsync(configure: o => o.StableSeconds = 1.5);
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "growing.mp4"));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 3)]);

        await harness.ScanAsync(library);
        var first = (await harness.FileAsync(library, path)).Status;
        await Task.Delay(1000);
        await File.WriteAllBytesAsync(path, bytes); // the writer finishes
        await harness.ScanAsync(library);
        var second = (await harness.FileAsync(library, path)).Status;
        await Task.Delay(1700);
        await harness.ScanAsync(library);

        Assert.That((first, second), Is.EqualTo((FileStatus.New, FileStatus.New)));
        Assert.That((await harness.FileAsync(library, path)).Status, Is.EqualTo(FileStatus.Planned));
    }

    [Test]
    public async Task Encode_WhenTwoAudioLanguagesAndSubtitles_KeepsAllOfThem()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.TwoLanguagesWithSubtitlesAsync(Path.Combine(library.Folders[0], "languages.mkv"));

        await harness.ScanAsync(library);
        var results = await harness.EncodePlannedAsync(library);

        Assert.That(results.Single().Status, Is.EqualTo(FileStatus.Done), string.Join("; ", results.Single().Reasons));
        var info = await MediaTools.Probe.ProbeAsync(path);
        Assert.That(info.Streams.Where(s => s.Type == Modules.Kernel.Media.MediaStreamType.Audio).Select(s => s.Language), Is.EqualTo(new[] { "eng", "deu" }));
        Assert.That(info.Streams.Count(s => s.Type == Modules.Kernel.Media.MediaStreamType.Subtitle), Is.EqualTo(1));
    }

    [Test]
    public async Task Rescan_WhenDoneFileIsRenamedOrItsArchivedOriginalCopiedBack_KnowsBothByFingerprintAndQueuesNothing()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync();
        var folder = library.Folders[0];
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "film.mp4"));
        await harness.ScanAsync(library);
        await harness.EncodePlannedAsync(library);

        var renamed = Path.Combine(folder, "moved", "renamed.mp4");
        Directory.CreateDirectory(Path.GetDirectoryName(renamed)!);
        File.Move(path, renamed);
        var copyOfOriginal = Path.Combine(folder, "copy of the original.mp4");
        File.Copy(Path.Combine(library.ArchiveFolder!, "film.mp4"), copyOfOriginal);
        await harness.ScanAsync(library);

        var files = await harness.Get<CatalogStore>().ListAsync(library.Id, CancellationToken.None);
        Assert.That(files.Select(f => Path.GetRelativePath(folder, f.Path)), Is.EquivalentTo(new[] { "moved/renamed.mp4", "copy of the original.mp4" }));
        Assert.That(files.Single(f => f.Path == renamed).Status, Is.EqualTo(FileStatus.Done));
        Assert.That(files.Single(f => f.Path == copyOfOriginal).Status, Is.AnyOf(FileStatus.Skipped, FileStatus.Done));
        Assert.That(await harness.Get<CatalogStore>().QueuePlannedAsync(library.Id, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Encode_WhenOutputIsLargerThanTheOriginal_KeepsTheOriginalRecordsItAndNeverRetries()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { Quality = 0, MaxBitrateKbps = null });
        var path = await EncodeMedia.TinyH264Async(Path.Combine(library.Folders[0], "tiny.mp4"));
        var originalSha = await Fingerprint.FullAsync(path);

        await harness.ScanAsync(library);
        var first = await harness.EncodePlannedAsync(library);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5)); // touched: the scan sees a change and re-checks it
        await harness.ScanAsync(library);
        var again = await harness.FileAsync(library, path);

        Assert.That(first.Single().Status, Is.EqualTo(FileStatus.KeptOriginal));
        Assert.That(first.Single().Reasons[^1], Does.Contain("not smaller"));
        Assert.That(again.Status, Is.EqualTo(FileStatus.KeptOriginal));
        Assert.That(again.Reasons.Single(), Does.Contain("known by fingerprint"));
        Assert.That(await Fingerprint.FullAsync(path), Is.EqualTo(originalSha));
    }

    [Test]
    public async Task Encode_WhenOutputIsTruncatedBeforeVerification_LeavesOriginalAndQuarantinesWithReason()
    {
        await using var harness = await EncodeHarness.StartAsync(new TruncateOutput());
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        var originalSha = await Fingerprint.FullAsync(path);

        await harness.ScanAsync(library);
        var result = (await harness.EncodePlannedAsync(library)).Single();

        Assert.That(result.Status, Is.EqualTo(FileStatus.Failed));
        Assert.That(result.Reasons, Has.Some.StartsWith("verification failed"));
        Assert.That(await Fingerprint.FullAsync(path), Is.EqualTo(originalSha));
        var reasonFile = Directory.GetFiles(library.QuarantineFolder, "*.reason.txt").Single();
        Assert.That(File.Exists(reasonFile[..^".reason.txt".Length]), Is.True);
        Assert.That(await File.ReadAllTextAsync(reasonFile), Does.Contain("verification failed"));
        Assert.That(Directory.Exists(library.ArchiveFolder) ? Directory.GetFiles(library.ArchiveFolder!) : [], Is.Empty);
    }

    [Test]
    public async Task Encode_WhenArchiveIsOnAnotherFilesystem_CopiesAndVerifiesAndLosesNothing()
    {
        // /tmp (the library) is on the machine's disk, /dev/shm is a tmpfs: a rename between them fails with EXDEV.
        var shm = Path.Combine("/dev/shm", "gilgamesh-archive-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(shm);
        try
        {
            await using var harness = await EncodeHarness.StartAsync(extraRoots: shm);
            var library = await harness.CreateLibraryAsync(archiveFolder: Path.Combine(shm, "archive"));
            var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
            var originalSha = await Fingerprint.FullAsync(path);

            await harness.ScanAsync(library);
            var result = (await harness.EncodePlannedAsync(library)).Single();

            Assert.That(result.Status, Is.EqualTo(FileStatus.Done), string.Join("; ", result.Reasons));
            Assert.That(await Fingerprint.FullAsync(Path.Combine(shm, "archive", "film.mp4")), Is.EqualTo(originalSha));
            Assert.That((await MediaTools.Probe.ProbeAsync(path)).PrimaryVideo!.Codec, Is.EqualTo("hevc"));
        }
        finally
        {
            Directory.Delete(shm, recursive: true);
        }
    }

    private static string MediaAliasFor(string path, Library library) => MediaAlias.For(path, MediaAlias.WorkFolder(library));

    private static async Task<string[]> HashesAsync(params string[] paths)
    {
        var hashes = new List<string>();
        foreach (var path in paths) hashes.Add(await Fingerprint.FullAsync(path));
        return [.. hashes];
    }

    /// <summary>Injected verification failure: the encoder's output loses its second half, as a full disk would leave it.</summary>
    private sealed class TruncateOutput : EncodeFaults
    {
        public override void AfterEncode(string output)
        {
            using var stream = new FileStream(output, FileMode.Open, FileAccess.ReadWrite);
            stream.SetLength(stream.Length / 2);
        }
    }
}
