using Gilgamesh.Modules.Analysis.Rhythm;
using Gilgamesh.Modules.Choreography.Blueprints;
using Gilgamesh.Modules.Choreography.Generation;
using Gilgamesh.Tests.Analysis.Rhythm;
using Gilgamesh.Tests.Support.GroundTruth;
using static Gilgamesh.Tests.Choreography.GeneratorFixture;

namespace Gilgamesh.Tests.Choreography;

public sealed class BlueprintGeneratorTests
{
    private static BeatGrid TruthGrid(RhythmTruth truth, double pickup = 0)
    {
        var sections = truth.SectionBoundaries.Select(b => Array.FindIndex(truth.Beats, t => Math.Abs(t - b) < 1e-3)).ToArray();
        return BeatGrid.Regular(truth.Beats.Select(b => b + pickup).ToArray(), truth.Duration + pickup, 0, 4, sections);
    }

    private static void AssertFitsTheRules(Blueprint blueprint, BeatGrid grid, GenerationRequest request)
    {
        var fps = request.Fps;
        Assert.That(SlotFrames(blueprint).Sum(), Is.EqualTo((int)Math.Round(grid.Duration * fps)).Within(1), "slots sum to the song ±1 frame");
        for (var i = 1; i < blueprint.MovesUsed.Count; i++)
        {
            var previous = blueprint.MovesUsed[i - 1];
            Assert.That(blueprint.MovesUsed[i].StartTime, Is.EqualTo(previous.StartTime + previous.Duration).Within(1e-3), "contiguous");
        }

        foreach (var slot in blueprint.MovesUsed)
        {
            var move = MoveOf(slot);
            Assert.That(NearestBeatDistance(grid.Beats, slot.AccentTime), Is.LessThanOrEqualTo(1 / fps), $"accent of {move.Name} at {slot.AccentTime}");
            Assert.That(slot.AccentTime, Is.EqualTo(slot.StartTime + slot.HoldStart + move.AccentOffset / slot.Speed).Within(1e-3));
            Assert.That(Math.Abs(slot.Speed - 1), Is.LessThanOrEqualTo(0.15 + 1e-9));
            Assert.That(move.Difficulty, Is.InRange(request.MinDifficulty, request.MaxDifficulty));
            if (request.Style is not null) Assert.That(move.Style, Is.EqualTo(request.Style));
            if (slot.Mirror) Assert.That(move.Mirrorable, Is.True);
            Assert.That(slot.Reasons, Has.Count.GreaterThanOrEqualTo(7));
        }

        Assert.That(BlueprintValidator.ValidateStructure(BlueprintJson.Serialize(blueprint)).Errors, Is.Empty, "schema-valid");
    }

    [TestCase(120.0, "hiphop", 1, 3)]
    [TestCase(100.0, "house", 2, 5)]
    [TestCase(132.0, null, 1, 5)]
    public async Task Generate_OnSteadyGroundTruthSong_FitsEveryRule(double bpm, string? style, int minDifficulty, int maxDifficulty)
    {
        var truth = await RhythmGroundTruth.SteadyAsync(bpm, seconds: 30, name: "choreo-steady");
        var grid = TruthGrid(truth, pickup: 0.37);
        var request = new GenerationRequest(Seed: 11, Style: style, MinDifficulty: minDifficulty, MaxDifficulty: maxDifficulty);

        var blueprint = Generate(grid, request);

        AssertFitsTheRules(blueprint, grid, request);
        Assert.That(blueprint.MovesUsed[0].HoldStart, Is.EqualTo(0.37).Within(1e-3), "the pickup is a hold before the first downbeat");
    }

    [Test]
    public async Task Generate_AcrossTempoChange_FitsEveryRuleOnBothSidesOfTheChange()
    {
        var truth = await RhythmGroundTruth.TempoChangeAsync(104, 128, changeAt: 12, seconds: 26);
        var grid = TruthGrid(truth);
        var request = new GenerationRequest(Seed: 3);

        var blueprint = Generate(grid, request);

        AssertFitsTheRules(blueprint, grid, request);
        Assert.That(blueprint.MovesUsed.Where(s => s.StartTime > 14).Select(s => MoveOf(s).NativeBpm), Has.All.GreaterThan(128 / 1.15 - 1e-9));
    }

    [Test]
    public async Task Generate_OnSectionedSong_EverySectionStartsAtASlotBoundary()
    {
        var truth = await RhythmGroundTruth.SectionsAsync(barsPerSection: 5);
        var grid = TruthGrid(truth);
        var request = new GenerationRequest(Seed: 5);

        var blueprint = Generate(grid, request);

        AssertFitsTheRules(blueprint, grid, request);
        var starts = blueprint.MovesUsed.Select(s => s.StartTime + s.HoldStart).ToArray();
        Assert.That(truth.SectionBoundaries, Has.All.Matches<double>(b => starts.Any(s => Math.Abs(s - b) < 1e-3)));
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task Generate_WithNoRepeatWindow_NoMoveReappearsInsideIt(int window)
    {
        var truth = await RhythmGroundTruth.SteadyAsync(116, seconds: 40, name: "choreo-window");
        var grid = TruthGrid(truth);
        var request = new GenerationRequest(Seed: 9, NoRepeatPhrases: window);

        var blueprint = Generate(grid, request);

        var phraseOf = blueprint.MovesUsed.Select(s => (s.MoveId, Phrase: (s.StartBeat - grid.FirstDownbeat) / PhrasePlan.PhraseBeats)).ToArray();
        foreach (var group in phraseOf.GroupBy(p => p.MoveId))
        {
            var phrases = group.Select(p => p.Phrase).Order().ToArray();
            for (var i = 1; i < phrases.Length; i++) Assert.That(phrases[i] - phrases[i - 1], Is.GreaterThan(window), $"move {group.Key}");
        }
    }

    [Test]
    public async Task Generate_WithSameSeed_GivesTheSameBlueprintAndAnotherSeedAnother()
    {
        var truth = await RhythmGroundTruth.SteadyAsync(120, seconds: 30, name: "choreo-steady");
        var grid = TruthGrid(truth);

        var first = BlueprintJson.Serialize(Generate(grid, new GenerationRequest(Seed: 42)));
        var again = BlueprintJson.Serialize(Generate(grid, new GenerationRequest(Seed: 42)));
        var other = BlueprintJson.Serialize(Generate(grid, new GenerationRequest(Seed: 43)));

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task Generate_OnAnalysedGridShiftedByOneBeat_PhrasesFollowTheCorrectedDownbeat()
    {
        var truth = await RhythmGroundTruth.SteadyAsync(120, seconds: 30, name: "choreo-steady");
        var analysed = BeatGrid.From(await RhythmFiles.AnalyzeAsync(truth));
        var shifted = analysed.ShiftDownbeats(1);
        var request = new GenerationRequest(Seed: 1);

        var blueprint = Generate(shifted, request);

        AssertFitsTheRules(blueprint, shifted, request);
        Assert.That(shifted.FirstDownbeat, Is.EqualTo(analysed.FirstDownbeat + 1));
        Assert.That(blueprint.MovesUsed[0].StartBeat, Is.EqualTo(shifted.FirstDownbeat));
        Assert.That(blueprint.MovesUsed.Where(s => (s.StartBeat - shifted.FirstDownbeat) % PhrasePlan.PhraseBeats == 0).Count(),
            Is.GreaterThanOrEqualTo((shifted.Beats.Length - shifted.FirstDownbeat) / PhrasePlan.PhraseBeats), "a slot starts on every phrase's first count");
    }

    [Test]
    public async Task Generate_OnTrackTrackedAtHalfTempo_DoubledGridFitsMovesAtTheTrueTempo()
    {
        var truth = await RhythmFiles.HardAsync("four-on-the-floor");
        var analysed = BeatGrid.From(await RhythmFiles.AnalyzeAsync(truth));
        var corrected = analysed.Doubled();
        var request = new GenerationRequest(Seed: 2);

        var blueprint = Generate(corrected, request);

        Assert.That(analysed.Bpm, Is.EqualTo(62).Within(62 * 0.04), "the tracker's octave error this test corrects");
        Assert.That(corrected.Bpm, Is.EqualTo(124).Within(124 * 0.04));
        AssertFitsTheRules(blueprint, corrected, request);
        Assert.That(blueprint.MovesUsed.Select(s => MoveOf(s).NativeBpm), Has.All.InRange(124 / 1.2, 124 / 0.8));
    }
}
