using Gilgamesh.Modules.Choreography.Generation;
using Gilgamesh.Modules.Choreography.Moves;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// Move libraries with known attributes for generator tests and the bench: every move's accent is exactly on
/// one of its counts, native BPMs spread over <paramref name="minBpm"/>–<paramref name="maxBpm"/>, counts 2/4/8,
/// styles, difficulties and energies spread evenly; motion embeddings and postures are seeded random unit
/// vectors of the real dimensions (the generator's fitting does not depend on what they look like).
/// </summary>
internal static class DanceLibrary
{
    public static readonly string[] Styles = ["hiphop", "house", "pop", "jazz"];

    public static List<LibraryMove> Synthetic(int count, int seed = 7, double minBpm = 90, double maxBpm = 140)
    {
        var random = new Random(seed);
        var text = TextEmbedder.Untrained;
        var moves = new List<LibraryMove>(count);
        int[] counts = [2, 4, 4, 8];
        for (var i = 0; i < count; i++)
        {
            var style = Styles[i % Styles.Length];
            var c = counts[i / Styles.Length % counts.Length];
            var bpm = Math.Round(minBpm + (maxBpm - minBpm) * random.NextDouble(), 1);
            var accentCount = random.Next(0, c);
            var id = new Guid(i + 1, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)seed]);
            var move = new Move(id, $"{style} move {i}", $"a {style} move number {i}", [style], style, 1 + i / 3 % 5,
                Math.Round(random.NextDouble(), 2), bpm, c, Math.Round(accentCount * 60 / bpm, 6), Mirrorable: i % 3 != 0, Guid.Empty);
            var motion = new MotionSignature(UnitVector(random, MotionFeatures.Dimension), UnitVector(random, 64), UnitVector(random, 64), move.AccentOffset, move.ClipSeconds);
            moves.Add(new LibraryMove(move, text.Embed(move.SearchText), motion));
        }

        return moves;
    }

    private static float[] UnitVector(Random random, int dimension)
    {
        var values = new double[dimension];
        for (var i = 0; i < dimension; i++) values[i] = random.NextDouble() * 2 - 1;
        var norm = Math.Sqrt(values.Sum(v => v * v));
        return values.Select(v => (float)(v / norm)).ToArray();
    }
}
