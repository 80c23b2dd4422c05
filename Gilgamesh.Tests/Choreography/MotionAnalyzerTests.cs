using Gilgamesh.Modules.Choreography.Moves;
using Gilgamesh.Modules.Choreography.Starter;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Choreography;

public sealed class MotionAnalyzerTests
{
    private static StarterMoveSpec Spec(FigurePart part, double bpm, int counts, double accentCount, int amplitude = 20) =>
        new($"{part} {bpm}", "test", "test", [], 1, 0.5, bpm, counts, accentCount, part, amplitude, true);

    private static async Task<MotionSignature> AnalyzeAsync(StarterMoveSpec spec) =>
        await new MotionAnalyzer(MediaTools.FrameDecoder).AnalyzeAsync(await MoveClipFiles.RenderAsync(spec), CancellationToken.None);

    [TestCase("LeftArm", 96, 4, 1)]
    [TestCase("Jump", 124, 4, 2)]
    [TestCase("LeanRight", 112, 8, 5)]
    [TestCase("BothArms", 100, 2, 1)]
    public async Task Analyze_WhenFigureSnapsAtAKnownCount_FindsTheAccentWithinOneFrame(string part, double bpm, int counts, double accentCount)
    {
        var spec = Spec(Enum.Parse<FigurePart>(part), bpm, counts, accentCount);

        var motion = await AnalyzeAsync(spec);

        Assert.That(motion.AccentOffset, Is.EqualTo(spec.AccentOffset).Within(1 / MotionAnalyzer.Fps));
        Assert.That(motion.DurationSeconds, Is.EqualTo(spec.ClipSeconds).Within(1.01 / MotionAnalyzer.Fps));
    }

    [Test]
    public async Task Analyze_WhenArmEndsRaised_EndPostureDiffersFromStartMoreThanSwayAlone()
    {
        var snap = await AnalyzeAsync(Spec(FigurePart.BothArms, 100, 4, 1, amplitude: 26));
        var gentle = await AnalyzeAsync(Spec(FigurePart.BothArms, 100, 4, 1, amplitude: 2));

        Assert.That(MotionSignature.TransitionCost(snap.EndPosture, snap.StartPosture),
            Is.GreaterThan(2 * MotionSignature.TransitionCost(gentle.EndPosture, gentle.StartPosture)));
    }

    [Test]
    public async Task Analyze_WhenSamePartAtAnotherTempo_EmbeddingIsCloserThanAnotherPart()
    {
        var leftSlow = await AnalyzeAsync(Spec(FigurePart.LeftArm, 96, 4, 1));
        var leftFast = await AnalyzeAsync(Spec(FigurePart.LeftArm, 120, 4, 1));
        var jump = await AnalyzeAsync(Spec(FigurePart.Jump, 96, 4, 1));

        Assert.That(Vectors.Cosine(leftSlow.Embedding, leftFast.Embedding), Is.GreaterThan(Vectors.Cosine(leftSlow.Embedding, jump.Embedding)));
    }

    [Test]
    public async Task Mirrored_WhenLeftArmMoveIsMirrored_MatchesTheRightArmMoveBetterThanUnmirrored()
    {
        var left = await AnalyzeAsync(Spec(FigurePart.LeftArm, 96, 4, 1));
        var right = await AnalyzeAsync(Spec(FigurePart.RightArm, 96, 4, 1));

        Assert.That(Vectors.Cosine(left.Mirrored().Embedding, right.Embedding), Is.GreaterThan(Vectors.Cosine(left.Embedding, right.Embedding)));
        Assert.That(Vectors.Distance(left.Mirrored().EndPosture, right.EndPosture), Is.LessThan(Vectors.Distance(left.EndPosture, right.EndPosture)));
    }
}
