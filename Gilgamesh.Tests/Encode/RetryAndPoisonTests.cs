using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Encode;

/// <summary>An encode that keeps failing: retried by the kernel's job retry (with its backoff), then poisoned for good.</summary>
[NonParallelizable]
public class RetryAndPoisonTests
{
    [Test]
    public async Task Encode_WhenEveryAttemptFails_FailsTheJobForARetryThenPoisonsAndNoScanQueuesItAgain()
    {
        await using var harness = await EncodeHarness.StartAsync(new FailingEncoder(), o => o.MaxAttempts = 2);
        var library = await harness.CreateLibraryAsync();
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"));
        await harness.ScanAsync(library);
        var id = (await harness.Get<CatalogStore>().QueuePlannedAsync(library.Id, CancellationToken.None)).Single();
        var encoder = harness.Get<FileEncoder>();

        var first = Assert.ThrowsAsync<EncodeRetryException>(() => encoder.ProcessAsync(id, null, CancellationToken.None))!;
        var afterFirst = await harness.FileAsync(library, path);
        var second = await encoder.ProcessAsync(id, null, CancellationToken.None);
        await harness.ScanAsync(library);
        var afterRescan = await harness.FileAsync(library, path);

        Assert.Multiple(() =>
        {
            // 5xx: the kernel's executor treats it as transient, so Hangfire's AutomaticRetry (Jobs:RetryDelaysSeconds) runs it again.
            Assert.That(first.StatusCode, Is.GreaterThanOrEqualTo(500));
            Assert.That(first, Is.InstanceOf<GilgameshException>().And.Property("Code").EqualTo("encode.attempt_failed"));
            Assert.That(afterFirst.Status, Is.EqualTo(FileStatus.Queued));
            Assert.That(afterFirst.Reasons, Has.Some.StartsWith("encode failed (attempt 1 of 2), retried after a pause: Conversion failed"));
            Assert.That(second.Status, Is.EqualTo(FileStatus.Failed));
            Assert.That(second.Reasons, Has.Some.StartsWith("poisoned after 2 failed attempts"));
            Assert.That(afterRescan.Status, Is.EqualTo(FileStatus.Failed), "known by fingerprint as poisoned");
            Assert.That(File.Exists(path), Is.True, "the original is untouched");
        });
    }

    /// <summary>ffmpeg failing the way a lost device or a full disk makes it fail (its exception, its last stderr line).</summary>
    private sealed class FailingEncoder : EncodeFaults
    {
        public override void BeforeEncode(string output) => throw new FfmpegException("ffmpeg (injected)", 1, "Conversion failed!");
    }
}
