using Gilgamesh.Modules.Analysis.Vectors;
using Gilgamesh.Modules.Choreography.Generation;
using Gilgamesh.Modules.Choreography.Moves;
using Gilgamesh.Modules.Choreography.Starter;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gilgamesh.Tests.Choreography;

public sealed class StarterLibraryGenerationTests
{
    [Test]
    public async Task Generate_WithStarterClipsMeasuredFromVideo_EveryAccentLandsOnABeatWithinOneFrame()
    {
        var text = TextEmbedder.Fit(StarterLibrary.Moves.Select(m => m.Description));
        var analyzer = new MotionAnalyzer(MediaTools.FrameDecoder);
        var library = new List<LibraryMove>();
        foreach (var (spec, i) in StarterLibrary.Moves.Select((s, i) => (s, i)))
        {
            var motion = await analyzer.AnalyzeAsync(await MoveClipFiles.RenderAsync(spec), CancellationToken.None);
            Assert.That(motion.AccentOffset, Is.EqualTo(spec.AccentOffset).Within(1 / MotionAnalyzer.Fps), spec.Name);
            var move = new Move(new Guid(i + 1, 1, 1, new byte[8]), spec.Name, spec.Description, spec.Tags, spec.Style, spec.Difficulty,
                spec.Energy, spec.Bpm, spec.Counts, motion.AccentOffset, spec.Mirrorable, Guid.Empty);
            Assert.That(move.Problem(), Is.Null);
            library.Add(new LibraryMove(move, text.Embed(move.SearchText), motion));
        }

        using var index = new MoveIndex(new VectorIndexFactory(NullLogger<VectorIndexFactory>.Instance), library);
        var truth = await RhythmGroundTruth.SteadyAsync(116, seconds: 20, name: "choreo-starter");
        var grid = BeatGrid.Regular(truth.Beats, truth.Duration);
        var request = new GenerationRequest(Seed: 4, NoRepeatPhrases: 1);

        var blueprint = new BlueprintGenerator(index, text).Generate(grid, request, Guid.NewGuid(), Guid.NewGuid(), "ground-truth");

        var moving = blueprint.MovesUsed.Sum(s => s.Duration - s.HoldStart - s.HoldEnd);
        Assert.That(moving, Is.GreaterThan(0.75 * truth.Duration), "most of the song is danced, not held");
        foreach (var slot in blueprint.MovesUsed)
        {
            Assert.That(truth.Beats.Min(b => Math.Abs(b - slot.AccentTime)), Is.LessThanOrEqualTo(1 / MotionAnalyzer.Fps));
        }
    }
}
