using Gilgamesh.Modules.Analysis.Vectors;

namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>
/// The move library in the vector engine: each row is [text embedding × <see cref="TextWeight"/>,
/// motion embedding × <see cref="MotionWeight"/>], with style, difficulty, energy, native BPM and counts
/// as filterable metadata. Row ids are positions in <see cref="Moves"/> (the engine wants longs).
/// </summary>
internal sealed class MoveIndex : IDisposable
{
    public const double TextWeight = 0.6;
    public const double MotionWeight = 0.8;

    private readonly VectorIndex _index;

    public MoveIndex(VectorIndexFactory factory, IReadOnlyList<LibraryMove> moves)
    {
        Moves = moves;
        _index = factory.Build(moves.Select((m, i) => new VectorRow(i, Query(m.TextEmbedding, m.Motion.Embedding),
            VectorMetadata.Of(("style", m.Move.Style), ("difficulty", m.Move.Difficulty), ("energy", m.Move.Energy),
                ("native_bpm", m.Move.NativeBpm), ("counts", m.Move.Counts)))));
    }

    public IReadOnlyList<LibraryMove> Moves { get; }

    public int TextDimension => Moves.Count == 0 ? 0 : Moves[0].TextEmbedding.Length;

    public int MotionDimension => Moves.Count == 0 ? 0 : Moves[0].Motion.Embedding.Length;

    /// <summary>A query or row vector: either part may be all zeros (no text, or no previous move).</summary>
    public static float[] Query(float[] text, float[] motion)
    {
        var vector = new float[text.Length + motion.Length];
        for (var i = 0; i < text.Length; i++) vector[i] = (float)(text[i] * TextWeight);
        for (var i = 0; i < motion.Length; i++) vector[text.Length + i] = (float)(motion[i] * MotionWeight);
        return vector;
    }

    public IReadOnlyList<VectorSearchResult> Search(float[] query, int k, VectorFilter filter) => _index.Search(query, k, filter);

    public void Dispose() => _index.Dispose();
}
