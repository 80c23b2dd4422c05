using Gilgamesh.Modules.Analysis.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class VectorIndexCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();
    private int _builds;

    [SetUp]
    public void ResetBuildCount() => _builds = 0;

    private Task<VectorIndex> Build(CancellationToken ct)
    {
        Interlocked.Increment(ref _builds);
        var factory = new VectorIndexFactory(NullLogger<VectorIndexFactory>.Instance);
        return Task.FromResult(factory.Build(VectorTestData.Rows(50, 4, seed: _builds), FaissTestLibrary.Managed));
    }

    [Test]
    public async Task GetOrBuild_WithinTtlAndSameVersion_ReusesTheIndex()
    {
        var cache = new VectorIndexCache(_clock, TimeSpan.FromMinutes(5));

        var first = await cache.GetOrBuildAsync("moves", 1, Build);
        _clock.Now += TimeSpan.FromMinutes(4);
        var second = await cache.GetOrBuildAsync("moves", 1, Build);

        Assert.That(second, Is.SameAs(first));
        Assert.That(_builds, Is.EqualTo(1));
    }

    [Test]
    public async Task GetOrBuild_AfterTtl_Rebuilds()
    {
        var cache = new VectorIndexCache(_clock, TimeSpan.FromMinutes(5));

        var first = await cache.GetOrBuildAsync("moves", 1, Build);
        _clock.Now += TimeSpan.FromMinutes(5);
        var second = await cache.GetOrBuildAsync("moves", 1, Build);

        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(_builds, Is.EqualTo(2));
    }

    [Test]
    public async Task GetOrBuild_WhenDataVersionChanges_Rebuilds()
    {
        var cache = new VectorIndexCache(_clock, TimeSpan.FromHours(1));

        var first = await cache.GetOrBuildAsync("moves", 1, Build);
        var second = await cache.GetOrBuildAsync("moves", 2, Build);

        Assert.That(second, Is.Not.SameAs(first));
    }

    [Test]
    public async Task Invalidate_ForcesARebuildAndLeavesOtherKeysCached()
    {
        var cache = new VectorIndexCache(_clock, TimeSpan.FromHours(1));
        var moves = await cache.GetOrBuildAsync("moves", 1, Build);
        var songs = await cache.GetOrBuildAsync("songs", 1, Build);

        cache.Invalidate("moves");

        Assert.That(await cache.GetOrBuildAsync("moves", 1, Build), Is.Not.SameAs(moves));
        Assert.That(await cache.GetOrBuildAsync("songs", 1, Build), Is.SameAs(songs));
    }

    [Test]
    public async Task Invalidate_DuringABuild_KeepsThatBuildOutOfTheCache()
    {
        var cache = new VectorIndexCache(_clock, TimeSpan.FromHours(1));
        var release = new TaskCompletionSource();
        var slow = cache.GetOrBuildAsync("moves", 1, async ct =>
        {
            await release.Task;
            return await Build(ct);
        });

        cache.Invalidate("moves");
        release.SetResult();
        var stale = await slow;

        Assert.That(await cache.GetOrBuildAsync("moves", 1, Build), Is.Not.SameAs(stale));
    }
}
