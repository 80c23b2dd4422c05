using Gilgamesh.Modules.Analysis.Vectors;
using Gilgamesh.Modules.Choreography.Blueprints;
using Gilgamesh.Modules.Choreography.Generation;
using Gilgamesh.Modules.Choreography.Moves;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gilgamesh.Tests.Choreography;

/// <summary>One 300-move synthetic library indexed once; helpers that check a blueprint against the rules.</summary>
internal static class GeneratorFixture
{
    public static readonly Guid SongId = Guid.Parse("77777777-7777-7777-7777-777777777777");

    private static readonly Lazy<(MoveIndex Index, BlueprintGenerator Generator)> Shared = new(() =>
    {
        var moves = DanceLibrary.Synthetic(300);
        var index = new MoveIndex(new VectorIndexFactory(NullLogger<VectorIndexFactory>.Instance), moves);
        return (index, new BlueprintGenerator(index, TextEmbedder.Fit(moves.Select(m => m.Move.SearchText))));
    });

    public static MoveIndex Index => Shared.Value.Index;

    public static Blueprint Generate(BeatGrid grid, GenerationRequest request) =>
        Shared.Value.Generator.Generate(grid, request, SongId, Guid.Parse("88888888-8888-8888-8888-888888888888"), "test-grid");

    public static Move MoveOf(BlueprintSlot slot) => Index.Moves.Single(m => m.Move.Id == slot.MoveId).Move;

    /// <summary>Frame counts of each slot when every boundary is rounded to a frame, as a renderer does.</summary>
    public static int[] SlotFrames(Blueprint blueprint)
    {
        var fps = blueprint.VideoOutput.Fps;
        return blueprint.MovesUsed.Select(s => (int)Math.Round((s.StartTime + s.Duration) * fps) - (int)Math.Round(s.StartTime * fps)).ToArray();
    }

    public static double NearestBeatDistance(IReadOnlyList<double> beats, double time) => beats.Min(b => Math.Abs(b - time));
}
