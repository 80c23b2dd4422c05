using Gilgamesh.Modules.Analysis.Vectors;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class ApproximateIndexTests
{
    [TestCase("hnsw")]
    [TestCase("ivf")]
    public void Search_OnApproximateIndex_ReachesHighRecallAtTen(string kindName)
    {
        var kind = kindName == "hnsw" ? VectorIndexKind.Hnsw : VectorIndexKind.Ivf;
        var factory = FaissTestLibrary.RequireFactory();
        // Embeddings cluster (moves of one style sit together); isotropic noise would be an unrealistically hard case.
        var rows = Clustered(8_000, 32, clusters: 64, seed: 21);
        var options = FaissTestLibrary.Faiss with { Kind = kind, HnswEfSearch = 128, IvfNlist = 64, IvfNprobe = 8 };
        using var index = factory.Build(rows, options);
        using var exact = factory.Build(rows, FaissTestLibrary.Managed);
        var queries = Clustered(50, 32, clusters: 64, seed: 22).Select(r => r.Vector).ToList();

        var approximate = index.SearchBatch(queries, 10);
        var truth = exact.SearchBatch(queries, 10);

        var hits = Enumerable.Range(0, queries.Count).Sum(q => approximate[q].Select(r => r.Id).Intersect(truth[q].Select(r => r.Id)).Count());
        var recall = hits / (10.0 * queries.Count);
        Assert.That(index.EngineName, Is.EqualTo(kind == VectorIndexKind.Hnsw ? "faiss-hnsw" : "faiss-ivf"));
        Assert.That(recall, Is.GreaterThanOrEqualTo(0.9), $"recall@10 = {recall:F3}");
    }

    private static List<VectorRow> Clustered(int count, int dimension, int clusters, int seed)
    {
        var centres = VectorTestData.Queries(clusters, dimension, seed: 1);
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var centre = centres[random.Next(clusters)];
            var noise = VectorTestData.Vector(random, dimension);
            var norm = Math.Sqrt(centre.Sum(x => (double)x * x));
            return new VectorRow(i, centre.Select((x, j) => (float)(x / norm + 0.08 * noise[j])).ToArray());
        }).ToList();
    }
}
