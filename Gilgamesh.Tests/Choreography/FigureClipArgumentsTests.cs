using Gilgamesh.Modules.Choreography.Starter;

namespace Gilgamesh.Tests.Choreography;

public sealed class FigureClipArgumentsTests
{
    private static readonly StarterMoveSpec Hit = new("hit", "d", "pop", [], 1, 0.5, 120, 4, 1, FigurePart.LeftArm, 20, true);

    [Test]
    public void Build_WhenLeftArmHitsOnCountTwo_SnapsOnlyTheLeftArmAtTheAccent()
    {
        var arguments = FigureClipArguments.Build("/data/out.mp4", Hit);

        Assert.That(arguments, Does.StartWith("-filter_complex \"color=c=0x202020:s=128x128:r=30:d=2[bg];"));
        Assert.That(arguments, Does.Contain("[vhead][larm]overlay=x='42+3*sin(PI*t*2)':y='46-(20*(1+tanh((t-0.5)/0.04))/2)':eval=frame[vlarm]"));
        Assert.That(arguments, Does.Contain("[vlarm][rarm]overlay=x='78+3*sin(PI*t*2)':y='46':eval=frame[vrarm]"));
        Assert.That(arguments, Does.EndWith("-map [vrleg] -frames:v 60 -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 30 -an -fflags +bitexact -y \"/data/out.mp4\""));
    }

    [Test]
    public void Build_WhenOutputHasAQuote_Throws()
    {
        Assert.Throws<ArgumentException>(() => FigureClipArguments.Build("/data/o\"ut.mp4", Hit));
    }

    [Test]
    public void StarterLibrary_WhenListed_HasValidMovesWithAccentsOnCountsInsideTheClip()
    {
        var moves = StarterLibrary.Moves;

        Assert.That(moves, Has.Count.EqualTo(24));
        Assert.That(moves.Select(m => m.Name).Distinct().Count(), Is.EqualTo(24));
        Assert.That(moves, Has.All.Matches<StarterMoveSpec>(m => m.AccentCount % 1 == 0 && m.AccentCount > 0 && m.AccentCount < m.Counts));
        Assert.That(moves.Select(m => m.Difficulty).Distinct().Order(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
    }
}
