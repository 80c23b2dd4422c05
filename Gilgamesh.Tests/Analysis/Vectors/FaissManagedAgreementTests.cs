using Gilgamesh.Modules.Analysis.Vectors;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class FaissManagedAgreementTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        // count, dimension, k, duplicates (exact ties), quantised (many equal scores), query count
        yield return new TestCaseData(1_000, 64, 10, 0, false, 1);
        yield return new TestCaseData(1_000, 64, 10, 0, false, 40);
        yield return new TestCaseData(5_000, 128, 25, 500, false, 1);
        yield return new TestCaseData(5_000, 128, 25, 500, false, 30);
        yield return new TestCaseData(20_000, 32, 100, 2_000, false, 25);
        yield return new TestCaseData(3_000, 8, 50, 300, true, 1);
        yield return new TestCaseData(3_000, 8, 50, 300, true, 20);
        yield return new TestCaseData(50, 16, 80, 10, false, 5); // k larger than the set
        // Odd dimension, rows not a whole number of packed blocks, queries not a whole number of six-query tiles.
        yield return new TestCaseData(2_001, 37, 10, 40, false, 7);
        yield return new TestCaseData(17_003, 100, 5, 100, false, 13);
    }

    [TestCaseSource(nameof(Cases))]
    public void Search_OnRandomUnitVectorsWithTies_FaissAndManagedReturnIdenticalTopKEqualToBruteForce(
        int count, int dimension, int k, int duplicates, bool quantised, int queryCount)
    {
        var factory = FaissTestLibrary.RequireFactory();
        var rows = VectorTestData.Rows(count, dimension, seed: count + dimension, duplicates, quantised);
        var queries = VectorTestData.Queries(queryCount, dimension, seed: 99, quantised);
        // Queries that are stored vectors make the top hits exact duplicates of each other.
        queries[0] = (float[])rows[^1].Vector.Clone();
        using var faiss = factory.Build(rows, FaissTestLibrary.Faiss);
        using var managed = factory.Build(rows, FaissTestLibrary.Managed);
        Assert.That(faiss.EngineName, Is.EqualTo("faiss-flat"));
        Assert.That(faiss.ScanEngineName, Is.EqualTo("faiss-flat"));
        Assert.That(managed.EngineName, Is.EqualTo("managed-exact"));

        var fromFaiss = queryCount == 1 ? [faiss.Search(queries[0], k)] : faiss.SearchBatch(queries, k);
        var fromManaged = queryCount == 1 ? [managed.Search(queries[0], k)] : managed.SearchBatch(queries, k);

        for (var q = 0; q < queryCount; q++)
        {
            var expected = VectorTestData.BruteForce(faiss.Data, queries[q], k);
            Assert.That(fromFaiss[q], Is.EqualTo(expected), $"FAISS, query {q}");
            Assert.That(fromManaged[q], Is.EqualTo(expected), $"managed, query {q}");
        }
    }

    [Test]
    public void Search_WhenQueryEqualsDuplicatedVector_BreaksTiesByAscendingId()
    {
        var factory = FaissTestLibrary.RequireFactory();
        var random = new Random(5);
        var shared = VectorTestData.Vector(random, 32);
        var rows = new List<VectorRow>();
        for (var i = 0; i < 200; i++) rows.Add(new VectorRow(1_000 - i, VectorTestData.Vector(random, 32)));
        foreach (var id in new long[] { 900_005, 17, 400, 3, 25_000, 12 }) rows.Add(new VectorRow(id, (float[])shared.Clone()));

        foreach (var options in new[] { FaissTestLibrary.Faiss, FaissTestLibrary.Managed })
        {
            using var index = factory.Build(rows, options);
            var ids = index.Search(shared, 4).Select(r => r.Id);
            Assert.That(ids, Is.EqualTo(new long[] { 3, 12, 17, 400 }), index.EngineName);
        }
    }

    [Test]
    public void Build_WithDefaultOptions_UsesFaissForBatchesAndTheManagedScanForSingleQueries()
    {
        var factory = FaissTestLibrary.RequireFactory();

        using var index = factory.Build(VectorTestData.Rows(100, 8, seed: 1));

        Assert.That(index.EngineName, Is.EqualTo("faiss-flat"));
        Assert.That(index.ScanEngineName, Is.EqualTo("managed-exact"));
    }
}
