using Gilgamesh.Modules.Choreography.Blueprints;

namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>A slot while the generator works: holds and the first slot's start are adjusted after the last phrase.</summary>
internal sealed class SlotDraft(int moveIndex, int startBeat, double start, double span, double speed, bool mirror, int counts, double accent, double cost, double score, float[] endPosture, List<string> reasons)
{
    public int MoveIndex { get; } = moveIndex;
    public int StartBeat { get; } = startBeat;
    public double Start { get; set; } = start;
    public double Duration { get; set; } = span;
    public double Speed { get; } = speed;
    public bool Mirror { get; } = mirror;
    public int Counts { get; } = counts;
    public double Accent { get; } = accent;
    public double Cost { get; } = cost;
    public double Score { get; } = score;
    public float[] EndPosture { get; } = endPosture;
    public double HoldStart { get; set; }
    public double HoldEnd { get; set; }
    public List<string> Reasons { get; } = reasons;

    /// <summary>Above this end → start distance the renderer crossfades instead of cutting on the beat.</summary>
    public const double CrossfadeAbove = 0.5;

    public BlueprintSlot ToSlot(Guid moveId) => new(
        moveId, StartBeat, Math.Round(Start, 4), Math.Round(Duration, 4), Math.Round(Speed, 5), Mirror,
        Cost > CrossfadeAbove ? new SlotTransition("crossfade", 0.12, Math.Round(Cost, 4)) : new SlotTransition("cut", 0, Math.Round(Cost, 4)),
        Counts, Math.Round(HoldStart, 4), Math.Round(HoldEnd, 4), Math.Round(Accent, 4), Reasons);
}
