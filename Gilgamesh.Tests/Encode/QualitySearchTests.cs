using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Planning;

namespace Gilgamesh.Tests.Encode;

/// <summary>Quality targeting: target SSIM → the CRF that reaches it on a sample, cached, best effort when unmet, recorded.</summary>
[NonParallelizable]
public class QualitySearchTests
{
    [Test]
    public async Task SearchAsync_WhenSsimFallsLinearlyWithQuality_FindsTheLastValueAtOrAboveTheTargetWithinTheProbeBudget()
    {
        var tried = new List<int>();
        var found = await QualitySearch.SearchAsync(q => { tried.Add(q); return Task.FromResult(1 - q * 0.002); }, 20, 40, 0.95);

        Assert.That(found, Is.EqualTo((25, 1 - 25 * 0.002, true)));
        Assert.That(tried, Has.Count.LessThanOrEqualTo(QualitySearch.MaxProbes));
    }

    [Test]
    public async Task Choose_WhenTheTargetIsReachable_TakesTheHighestValueMeetingItOnTheSampleAndCachesIt()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { TargetSsim = 0.97 });
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"), 576, 324);
        await harness.ScanAsync(library);
        var file = await harness.FileAsync(library, path);
        var search = harness.Get<QualitySearch>();
        var work = Path.Combine(library.Folders[0], ".gilgamesh-work");

        var first = await search.ChooseAsync(file, file.Fingerprint!, library, work, CancellationToken.None);
        var again = await search.ChooseAsync(file, file.Fingerprint!, library, work, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.Met, Is.True, string.Join(", ", first.Probes));
            Assert.That(first.Ssim, Is.GreaterThanOrEqualTo(0.97).And.EqualTo(first.Probes[first.Quality]));
            Assert.That(first.Probes.Where(p => p.Key > first.Quality).Select(p => p.Value), Is.All.LessThan(0.97), "every higher value tried missed the target");
            Assert.That(first.Quality == EncodeHarness.FastProfile.Quality + QualitySearch.Reach || first.Probes.Keys.Any(k => k > first.Quality), Is.True,
                "the choice is bracketed by a value above it that missed (or is the top of the range)");
            Assert.That((again.FromCache, again.Quality, again.Ssim), Is.EqualTo((true, first.Quality, first.Ssim)));
        });
    }

    [Test]
    public async Task Encode_WhenTheTargetSsimCannotBeMet_EncodesAtTheBestEffortValueAndRecordsIt()
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { TargetSsim = 0.99999 });
        await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"), 544, 306);
        await harness.ScanAsync(library);

        var result = (await harness.EncodePlannedAsync(library)).Single();

        var bestEffort = EncodeHarness.FastProfile.Quality - QualitySearch.Reach;
        Assert.That(result.Status, Is.EqualTo(FileStatus.Done), string.Join("; ", result.Reasons));
        Assert.That(result.Reasons, Has.Some.StartsWith($"target SSIM 0.99999 not met: best effort quality {bestEffort} (sample SSIM 0.9"));
    }
}
