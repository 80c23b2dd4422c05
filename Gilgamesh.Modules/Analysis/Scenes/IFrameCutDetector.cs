namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>A detector fed one analysed frame at a time; it appends cuts as it becomes sure of them (possibly frames later).</summary>
internal interface IFrameCutDetector
{
    /// <summary>Frame <paramref name="index"/> (consecutive from 0); <paramref name="pixels"/> is only valid during the call.</summary>
    void Add(int index, ReadOnlySpan<byte> pixels, List<FrameCut> cuts);

    /// <summary>End of stream: appends what was still waiting for later frames.</summary>
    void Complete(List<FrameCut> cuts);
}
