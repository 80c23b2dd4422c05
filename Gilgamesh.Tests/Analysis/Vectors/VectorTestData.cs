using Gilgamesh.Modules.Analysis.Vectors;

namespace Gilgamesh.Tests.Analysis.Vectors;

/// <summary>Seeded random unit vectors with metadata, plus exact duplicates so that ties must be broken by id.</summary>
internal static class VectorTestData
{
    public static readonly string[] Styles = ["hiphop", "salsa", "ballet", "house", "krump", "waltz", "tango", "jazz", "popping", "locking"];

    /// <param name="duplicates">How many extra rows copy an earlier row's vector under a new id (exact ties).</param>
    /// <param name="quantised">Components from {-1, 0, 1}: many distinct vectors with equal scores.</param>
    public static List<VectorRow> Rows(int count, int dimension, int seed, int duplicates = 0, bool quantised = false)
    {
        var random = new Random(seed);
        var rows = new List<VectorRow>(count + duplicates);
        // Ids are shuffled against row order, so "ties by id" cannot pass by accident of insertion order.
        var ids = Enumerable.Range(0, count + duplicates).Select(i => (long)i * 7 + 3).OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < count + duplicates; i++)
        {
            float[] vector;
            if (i >= count) vector = (float[])rows[random.Next(count)].Vector.Clone();
            else
            {
                vector = Vector(random, dimension, quantised);
            }
            var metadata = VectorMetadata.Of(
                ("difficulty", (double)(i % 5 + 1)),
                ("energy", random.NextDouble()),
                ("style", Styles[i % Styles.Length]));
            rows.Add(new VectorRow(ids[i], vector, metadata));
        }
        return rows;
    }

    public static float[] Vector(Random random, int dimension, bool quantised = false)
    {
        var vector = new float[dimension];
        do
        {
            for (var j = 0; j < dimension; j++)
                vector[j] = quantised ? random.Next(-1, 2) : (float)Gaussian(random);
        } while (vector.All(x => x == 0));
        return vector;
    }

    public static List<float[]> Queries(int count, int dimension, int seed, bool quantised = false)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Vector(random, dimension, quantised)).ToList();
    }

    /// <summary>The definition of the answer: double-precision scores over every row, best first, ties by id.</summary>
    public static VectorSearchResult[] BruteForce(VectorDataSet data, float[] query, int k, Func<int, bool>? include = null)
    {
        var normalised = new float[data.Dimension];
        VectorValidation.NormaliseInto(query, normalised, data.Dimension, "query");
        return Enumerable.Range(0, data.Count)
            .Where(row => include?.Invoke(row) ?? true)
            .Select(row => new VectorSearchResult(data.Ids[row], VectorExactRanker.ExactScore(normalised, data.Row(row))))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Id)
            .Take(k).ToArray();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
