namespace Gilgamesh.Modules.Highlights.Selection;

/// <summary>What the reel must meet: a number of clips, or a total duration in seconds (at most, as close as the clips allow).</summary>
internal sealed record SelectionGoal(int? ClipCount, double? TotalSeconds)
{
    public static SelectionGoal Count(int clips) => new(clips, null);

    public static SelectionGoal Duration(double seconds) => new(null, seconds);
}
