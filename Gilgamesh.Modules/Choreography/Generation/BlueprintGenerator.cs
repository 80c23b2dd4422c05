using Gilgamesh.Modules.Analysis.Vectors;
using Gilgamesh.Modules.Choreography.Blueprints;
using Gilgamesh.Modules.Choreography.Moves;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>
/// Fills a song's grid with moves, phrase by phrase. Per slot: vector search (request text + the previous
/// move's motion) under the hard filters (style, difficulty, counts that fit, native BPM within reach),
/// first with the phrase's energy band, then without it; each hit is then checked exactly — speed = song
/// BPM ÷ move BPM within ±15 %, the accent landing within half a frame of a beat, not used in the last N
/// phrases — and scored (similarity, transition cost end → start with mirroring where allowed, energy and
/// speed distance, a seeded nudge). Beats no move can fill become holds, so the slots always cover the
/// song exactly. Deterministic for a seed; every choice carries its reasons.
/// </summary>
internal sealed class BlueprintGenerator(MoveIndex index, TextEmbedder text)
{
    public const string Version = "gilgamesh-choreography/1";
    public const double MaxSpeedDeviation = 0.15;
    public const double EnergyBand = 0.25;
    private const int SearchK = 48;

    public Blueprint Generate(BeatGrid grid, GenerationRequest request, Guid songMediaId, Guid taskId, string analyzer)
    {
        var tolerance = 0.5 / request.Fps;
        var boundaries = PhrasePlan.Boundaries(grid, tolerance);
        var spans = Math.Max(0, boundaries.Length - 1);
        var phrases = PhrasePlan.Split(grid, spans);
        if (index.Moves.Count == 0 || phrases.Count == 0)
        {
            throw new GilgameshException(ChoreographyErrorCodes.NoMovesFit, "the library has no moves or the song has no beats to fit them to", 422);
        }

        var meanEnergy = grid.Energy.Length > 0 ? grid.Energy.Average() : 0.5;
        var queryText = text.Embed(string.Join(' ', request.Description, request.Style, request.Energy is >= 0.6 ? "energetic" : request.Energy is <= 0.4 ? "smooth" : "", "dance move"));
        var context = new SlotContext(grid, boundaries, request, tolerance, queryText, index.Moves.Min(m => m.Move.Counts));
        var slots = new List<SlotDraft>();
        foreach (var phrase in phrases)
        {
            var target = request.Energy is { } wanted ? Math.Clamp(wanted + (phrase.Energy - meanEnergy), 0, 1) : phrase.Energy;
            var position = phrase.StartBeat;
            var remaining = phrase.Beats;
            while (remaining > 0)
            {
                var chosen = Choose(context, phrase, target, position, remaining, slots.Count > 0 ? slots[^1] : null, slots.Count);
                if (chosen is null)
                {
                    Hold(slots, boundaries[position], boundaries[position + remaining], phrase);
                    break;
                }

                slots.Add(chosen);
                context.LastUsed[chosen.MoveIndex] = phrase.Index;
                position += chosen.Counts;
                remaining -= chosen.Counts;
            }
        }

        if (slots.Count == 0)
        {
            throw new GilgameshException(ChoreographyErrorCodes.NoMovesFit, "no move in the library fits this song under the requested filters (style, difficulty, tempo within ±15 %)", 422);
        }

        // Pickup before the first slot and the tail after the last: still frames, so the slots cover 0 … duration.
        slots[0].HoldStart += slots[0].Start;
        slots[0].Duration += slots[0].Start;
        slots[0].Start = 0;
        var tail = grid.Duration - (slots[^1].Start + slots[^1].Duration);
        if (tail > 0)
        {
            slots[^1].HoldEnd += tail;
            slots[^1].Duration += tail;
        }

        return new Blueprint(
            BlueprintSchema.Version,
            taskId,
            new BlueprintSong(songMediaId, Math.Round(grid.Bpm, 3), grid.Beats.Select(Round).ToArray(),
                grid.Beats.Where((_, i) => grid.IsDownbeat[i]).Select(Round).ToArray(), Round(grid.Duration)),
            slots.Select(s => s.ToSlot(index.Moves[s.MoveIndex].Move.Id)).ToArray(),
            new VideoOutput(request.Resolution, request.Fps, "h264"),
            new GeneratorInfo(request.Seed, Version, analyzer));
    }

    private SlotDraft? Choose(SlotContext context, Phrase phrase, double target, int position, int remaining, SlotDraft? previous, int slotNumber)
    {
        var b = context.Boundaries;
        var localBpm = 60 * remaining / (b[position + remaining] - b[position]);
        var hard = VectorFilter.Between("counts", 1, remaining)
            .And(VectorFilter.Between("native_bpm", localBpm / (1 + MaxSpeedDeviation + 0.05), localBpm / (1 - MaxSpeedDeviation - 0.05)))
            .And(VectorFilter.Between("difficulty", context.Request.MinDifficulty, context.Request.MaxDifficulty));
        if (!string.IsNullOrWhiteSpace(context.Request.Style)) hard = hard.And(VectorFilter.Equal("style", context.Request.Style));
        var previousMotion = previous is null ? new float[index.MotionDimension] : PreviousMotion(previous);
        var query = MoveIndex.Query(context.QueryText, previousMotion);
        var k = Math.Min(SearchK, index.Moves.Count);
        foreach (var relaxed in new[] { false, true })
        {
            var filter = relaxed ? hard : hard.And(VectorFilter.Between("energy", target - EnergyBand, target + EnergyBand));
            SlotDraft? best = null;
            foreach (var hit in index.Search(query, k, filter))
            {
                var candidate = Evaluate(context, phrase, target, position, remaining, previous, slotNumber, (int)hit.Id, hit.Score, relaxed);
                if (candidate is not null && (best is null || candidate.Score > best.Score)) best = candidate;
            }

            if (best is not null) return best;
        }

        return null;
    }

    private SlotDraft? Evaluate(SlotContext context, Phrase phrase, double target, int position, int remaining, SlotDraft? previous, int slotNumber, int moveIndex, double similarity, bool relaxed)
    {
        var library = index.Moves[moveIndex];
        var move = library.Move;
        var rest = remaining - move.Counts;
        if (rest != 0 && rest < context.MinCounts) return null;
        if (context.LastUsed.TryGetValue(moveIndex, out var usedIn) && phrase.Index - usedIn <= context.Request.NoRepeatPhrases) return null;

        var b = context.Boundaries;
        var span = b[position + move.Counts] - b[position];
        var speed = move.ClipSeconds / span;
        if (Math.Abs(speed - 1) > MaxSpeedDeviation) return null;
        var accent = b[position] + move.AccentOffset / speed;
        var beat = NearestBeat(context.Grid.Beats, accent);
        var miss = Math.Abs(accent - context.Grid.Beats[beat]);
        if (miss > context.Tolerance) return null;

        var start = library.Motion.StartPosture;
        var cost = previous is null ? 0 : MotionSignature.TransitionCost(previous.EndPosture, start);
        var mirror = false;
        if (previous is not null && move.Mirrorable)
        {
            var mirroredCost = MotionSignature.TransitionCost(previous.EndPosture, MotionFeatures.MirrorPosture(start));
            if (mirroredCost < cost)
            {
                (cost, mirror) = (mirroredCost, true);
            }
        }

        var score = similarity - 0.5 * cost - 0.8 * Math.Abs(move.Energy - target) - 0.5 * Math.Abs(speed - 1)
            + 0.04 * SeededJitter.Of(context.Request.Seed, slotNumber, move.Id);
        var request = context.Request;
        var downbeat = context.Grid.IsDownbeat[beat];
        List<string> reasons =
        [
            Text($"similarity {similarity:0.00} to {(previous is null ? "the request" : "the request and the previous move's motion")}"),
            Text($"energy {move.Energy:0.00} near phrase {phrase.Index + 1}'s target {target:0.00} (section {phrase.Section + 1})"),
            Text($"style {move.Style}, difficulty {move.Difficulty} within {request.MinDifficulty}–{request.MaxDifficulty}"),
            Text($"speed {speed:0.000} = song {60 * move.Counts / span:0.#} BPM ÷ move {move.NativeBpm:0.#} BPM (within ±15 %)"),
            Text($"accent on beat {beat + 1}{(downbeat ? " (downbeat)" : "")}, {miss * 1000:0} ms off"),
            Text($"end → start distance {cost:0.00}{(mirror ? " (mirrored)" : "")}"),
            Text($"not used in the last {request.NoRepeatPhrases} phrases"),
        ];
        if (relaxed) reasons.Add(Text($"no move within ±{EnergyBand} of the phrase's energy: energy filter relaxed"));
        var end = mirror ? MotionFeatures.MirrorPosture(library.Motion.EndPosture) : library.Motion.EndPosture;
        return new SlotDraft(moveIndex, position, b[position], span, speed, mirror, move.Counts, accent, cost, score, end, reasons);
    }

    private float[] PreviousMotion(SlotDraft previous)
    {
        var motion = index.Moves[previous.MoveIndex].Motion.Embedding;
        return previous.Mirror ? MotionFeatures.MirrorEmbedding(motion) : motion;
    }

    /// <summary>Beats no move could fill: the previous slot holds its last frame over them (or, at the start, the first slot holds its first).</summary>
    private static void Hold(List<SlotDraft> slots, double from, double to, Phrase phrase)
    {
        if (slots.Count == 0) return; // absorbed by the first slot's pickup hold
        var last = slots[^1];
        last.HoldEnd += to - from;
        last.Duration += to - from;
        last.Reasons.Add(Text($"holds its last frame {to - from:0.###} s: no move fits the rest of phrase {phrase.Index + 1}"));
    }

    private static int NearestBeat(double[] beats, double time)
    {
        var i = Array.BinarySearch(beats, time);
        if (i >= 0) return i;
        i = ~i;
        if (i == 0) return 0;
        if (i == beats.Length) return beats.Length - 1;
        return time - beats[i - 1] <= beats[i] - time ? i - 1 : i;
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static string Text(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record SlotContext(BeatGrid Grid, double[] Boundaries, GenerationRequest Request, double Tolerance, float[] QueryText, int MinCounts)
    {
        public Dictionary<int, int> LastUsed { get; } = [];
    }
}
