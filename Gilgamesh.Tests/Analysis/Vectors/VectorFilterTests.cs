using Gilgamesh.Modules.Analysis.Vectors;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class VectorFilterTests
{
    [TestCase("faiss")]
    [TestCase("managed")]
    public void Search_WithTenPercentFilter_ReturnsKMatchingItemsEqualToBruteForce(string engine)
    {
        var options = FaissTestLibrary.Options(engine);
        var factory = FaissTestLibrary.RequireFactory();
        var rows = VectorTestData.Rows(20_000, 64, seed: 3);
        using var index = factory.Build(rows, options);
        var filter = VectorFilter.Equal("style", "salsa"); // every 10th row
        var queries = VectorTestData.Queries(12, 64, seed: 4);

        var single = index.Search(queries[0], 50, filter);
        var batch = index.SearchBatch(queries, 50, filter);

        var salsa = rows.Where(r => (string)r.Metadata.Fields["style"] == "salsa").Select(r => r.Id).ToHashSet();
        Assert.That(single, Has.Count.EqualTo(50));
        Assert.That(single.Select(r => r.Id), Is.SubsetOf(salsa));
        Assert.That(single, Is.EqualTo(VectorTestData.BruteForce(index.Data, queries[0], 50, row => salsa.Contains(index.Data.Ids[row]))));
        for (var q = 0; q < queries.Count; q++)
            Assert.That(batch[q], Is.EqualTo(VectorTestData.BruteForce(index.Data, queries[q], 50, row => salsa.Contains(index.Data.Ids[row]))), $"query {q}");
    }

    [TestCase("faiss")]
    [TestCase("managed")]
    public void Search_WithVerySelectiveFilter_StillReturnsKWhenKMatch(string engine)
    {
        var options = FaissTestLibrary.Options(engine);
        var factory = FaissTestLibrary.RequireFactory();
        var rows = VectorTestData.Rows(10_000, 32, seed: 8);
        using var index = factory.Build(rows, options);
        // 0.2% of the set: an over-fetching search (top-100, then filter) would usually return nothing.
        var filter = VectorFilter.Equal("style", "tango").And(VectorFilter.Between("difficulty", 2, 2)).And(VectorFilter.Between("energy", 0, 0.2));
        var matching = rows.Count(r => (string)r.Metadata.Fields["style"] == "tango" && (double)r.Metadata.Fields["difficulty"] == 2 && (double)r.Metadata.Fields["energy"] <= 0.2);

        var results = index.Search(VectorTestData.Queries(1, 32, seed: 1)[0], 10, filter);

        Assert.That(matching, Is.GreaterThanOrEqualTo(10), "test data should have at least k matches");
        Assert.That(results, Has.Count.EqualTo(10));
    }

    [TestCase("faiss")]
    [TestCase("managed")]
    public void Search_WhenFewerThanKMatch_ReturnsAllMatches(string engine)
    {
        var options = FaissTestLibrary.Options(engine);
        var factory = FaissTestLibrary.RequireFactory();
        var rows = VectorTestData.Rows(2_000, 16, seed: 9);
        using var index = factory.Build(rows, options);

        var results = index.Search(VectorTestData.Queries(1, 16, seed: 2)[0], 10, VectorFilter.In("style", "ballet", "nonexistent").And(VectorFilter.Between("difficulty", 3, 3)));

        var expected = rows.Count(r => (string)r.Metadata.Fields["style"] == "ballet" && (double)r.Metadata.Fields["difficulty"] == 3);
        Assert.That(results, Has.Count.EqualTo(Math.Min(10, expected)));
    }

    [Test]
    public void Filter_InAndRangeOnNumbers_SelectsInclusiveBoundsAndSkipsItemsWithoutTheField()
    {
        var rows = new[]
        {
            new VectorRow(1, [1, 0], VectorMetadata.Of(("difficulty", 1), ("style", "a"))),
            new VectorRow(2, [1, 1], VectorMetadata.Of(("difficulty", 2))),
            new VectorRow(3, [0, 1], VectorMetadata.Of(("difficulty", 3), ("style", "b"))),
            new VectorRow(4, [1, 2], VectorMetadata.Empty),
        };
        var data = VectorDataSet.Build(rows);

        Assert.That(data.Columns.Select(VectorFilter.Between("difficulty", 2, 3)), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(data.Columns.Select(VectorFilter.In("difficulty", 1, 3)), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(data.Columns.Select(VectorFilter.Equal("style", "b")), Is.EqualTo(new[] { 2 }));
        Assert.That(data.Columns.Select(VectorFilter.Equal("style", "a").And(VectorFilter.Between("difficulty", 2, 9))), Is.Empty);
    }

    [Test]
    public void Search_OnApproximateIndexWithFilter_ReturnsExactFilteredTopK()
    {
        var factory = FaissTestLibrary.RequireFactory();
        var rows = VectorTestData.Rows(5_000, 32, seed: 12);
        using var index = factory.Build(rows, FaissTestLibrary.Faiss with { Kind = VectorIndexKind.Hnsw });
        var query = VectorTestData.Queries(1, 32, seed: 13)[0];
        var filter = VectorFilter.Equal("style", "jazz");

        var results = index.Search(query, 20, filter);

        var jazz = rows.Where(r => (string)r.Metadata.Fields["style"] == "jazz").Select(r => r.Id).ToHashSet();
        Assert.That(results, Is.EqualTo(VectorTestData.BruteForce(index.Data, query, 20, row => jazz.Contains(index.Data.Ids[row]))));
    }
}
