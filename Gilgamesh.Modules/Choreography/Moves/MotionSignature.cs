namespace Gilgamesh.Modules.Choreography.Moves;

/// <summary>
/// What a clip's motion says about a move: <see cref="Embedding"/> for similarity search,
/// <see cref="StartPosture"/> / <see cref="EndPosture"/> (8×8 mean-centred intensity, unit length) for
/// transition costs, and <see cref="AccentOffset"/>, the moment of peak motion (seconds into the clip).
/// </summary>
internal sealed record MotionSignature(float[] Embedding, float[] StartPosture, float[] EndPosture, double AccentOffset, double DurationSeconds)
{
    /// <summary>The same move danced mirrored: postures flipped left ↔ right (the embedding's grid columns too).</summary>
    public MotionSignature Mirrored() => this with
    {
        Embedding = MotionFeatures.MirrorEmbedding(Embedding),
        StartPosture = MotionFeatures.MirrorPosture(StartPosture),
        EndPosture = MotionFeatures.MirrorPosture(EndPosture),
    };

    /// <summary>End → start posture distance, 0 (same pose) … 1 (opposite), the stated transition cost.</summary>
    public static double TransitionCost(float[] endPosture, float[] startPosture) => Vectors.Distance(endPosture, startPosture) / 2;
}
