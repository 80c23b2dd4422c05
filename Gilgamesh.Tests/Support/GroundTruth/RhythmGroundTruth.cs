using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Deterministic drum tracks with known beats, downbeats, tempo and section boundaries, synthesised by ffmpeg's
/// <c>aevalsrc</c> (one expression per segment, segments concatenated): kick = decaying 150→50 Hz sine sweep,
/// snare = low-passed noise burst over a 185 Hz body, hi-hat = short first-difference (high-passed) noise;
/// the downbeat kick is accented; a sine chord pad and white noise are mixed in. The expression's
/// <c>random(i)</c> generators start from fixed state, so every run makes the same samples.
/// Files are 22.05 kHz mono WAV in <see cref="MediaGenerator.Folder"/>, generated once per test process.
/// <code>
/// var truth = await RhythmGroundTruth.SteadyAsync(128);   // 15 s rock beat at 128 BPM
/// </code>
/// </summary>
internal static class RhythmGroundTruth
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RhythmTruth>>> Generated = new();

    /// <summary>Kick 1 and 3, snare 2 and 4, eighth hats.</summary>
    public static readonly DrumPattern Rock = new([0, 4], [2, 6], [0, 1, 2, 3, 4, 5, 6, 7]);

    /// <summary>Kick on every beat, hats off the beat, snare on 2 and 4 (dance music).</summary>
    public static readonly DrumPattern FourOnTheFloor = new([0, 2, 4, 6], [2, 6], [1, 3, 5, 7]);

    /// <summary>Kick 1 and the "and" of 2, snare 2 and 4, eighth hats.</summary>
    public static readonly DrumPattern Syncopated = new([0, 3], [2, 6], [0, 1, 2, 3, 4, 5, 6, 7]);

    /// <summary>Kick 1 and 3, snare on 4 only, no hats: beat 2 has no onset at all.</summary>
    public static readonly DrumPattern Sparse = new([0, 4], [6], []);

    /// <summary>Kick 1 and 3, snare 2 and 4, eighth hats all played alike: the plainest drum-machine beat, whose off-beat hats are as strong as the on-beat ones.</summary>
    public static readonly DrumPattern Plain = new([0, 4], [2, 6], [0, 1, 2, 3, 4, 5, 6, 7], OffbeatHat: 1);

    /// <summary>Kick on every beat, snare 2 and 4, eighth hats all alike.</summary>
    public static readonly DrumPattern PlainFour = new([0, 2, 4, 6], [2, 6], [0, 1, 2, 3, 4, 5, 6, 7], OffbeatHat: 1);

    /// <summary>Half-time feel: kick 1, snare 3, eighth hats; a different section texture.</summary>
    public static readonly DrumPattern HalfTime = new([0], [4], [0, 1, 2, 3, 4, 5, 6, 7]);

    public static readonly double[] CMajor = [130.81, 164.81, 196.00];
    public static readonly double[] AMinor = [110.00, 130.81, 164.81];
    public static readonly double[] FMajor = [174.61, 220.00, 261.63];
    public static readonly double[] DMinor = [146.83, 174.61, 220.00];

    /// <summary>About <paramref name="seconds"/> (whole bars) of <paramref name="pattern"/> at a steady tempo.</summary>
    public static Task<RhythmTruth> SteadyAsync(double bpm, double seconds = 15, DrumPattern? pattern = null, double noise = 0.04, double padLevel = 0.05, string name = "steady") =>
        SongAsync(string.Create(CultureInfo.InvariantCulture, $"{name}-{bpm:0.##}"),
            [new SegmentSpec(Bars(bpm, seconds), bpm, pattern ?? Rock, CMajor, padLevel, Bright: false, noise)]);

    /// <summary>Tempo changes from <paramref name="before"/> to <paramref name="after"/> on a bar line near <paramref name="changeAt"/> s.</summary>
    public static Task<RhythmTruth> TempoChangeAsync(double before = 96, double after = 132, double changeAt = 12, double seconds = 26) =>
        SongAsync(string.Create(CultureInfo.InvariantCulture, $"tempo-change-{before:0.##}-{after:0.##}"),
        [
            new SegmentSpec(Bars(before, changeAt), before, Rock, CMajor, 0.05, false, 0.04),
            new SegmentSpec(Bars(after, seconds - Bars(before, changeAt) * 4 * 60 / before), after, Rock, CMajor, 0.05, false, 0.04),
        ]);

    /// <summary>A·B·A·C song at 110 BPM, sections of <paramref name="barsPerSection"/> bars (6 bars ≈ 13.1 s; ≈ 52 s in all) with different patterns, chords and pad timbres.</summary>
    public static Task<RhythmTruth> SectionsAsync(int barsPerSection = 6) =>
        SongAsync($"sections-{barsPerSection}",
        [
            new SegmentSpec(barsPerSection, 110, Rock, CMajor, 0.05, false, 0.03),
            new SegmentSpec(barsPerSection, 110, FourOnTheFloor, AMinor, 0.12, true, 0.03),
            new SegmentSpec(barsPerSection, 110, Rock, CMajor, 0.05, false, 0.03),
            new SegmentSpec(barsPerSection, 110, HalfTime, FMajor, 0.10, true, 0.08),
        ]);

    /// <summary>A ≈ 3-minute song for benchmarks: intro/verse/chorus structure at 118 BPM.</summary>
    public static Task<RhythmTruth> ThreeMinuteSongAsync() =>
        SongAsync("three-minute-song",
        [
            new SegmentSpec(8, 118, HalfTime, DMinor, 0.08, false, 0.03),
            new SegmentSpec(16, 118, Rock, CMajor, 0.05, false, 0.03),
            new SegmentSpec(12, 118, FourOnTheFloor, AMinor, 0.12, true, 0.03),
            new SegmentSpec(16, 118, Rock, CMajor, 0.05, false, 0.03),
            new SegmentSpec(12, 118, FourOnTheFloor, AMinor, 0.12, true, 0.03),
            new SegmentSpec(24, 118, Syncopated, FMajor, 0.08, true, 0.05),
        ]);

    /// <summary>Whole bars closest to <paramref name="seconds"/> at <paramref name="bpm"/> (at least one).</summary>
    public static int Bars(double bpm, double seconds) => Math.Max(1, (int)Math.Round(seconds / (4 * 60 / bpm)));

    /// <summary>Concatenates the segments (each whole bars, so bar phase carries over) and records the truth.</summary>
    public static Task<RhythmTruth> SongAsync(string name, IReadOnlyList<SegmentSpec> segments) =>
        Generated.GetOrAdd(name, key => new Lazy<Task<RhythmTruth>>(() => GenerateAsync(key, segments))).Value;

    private static async Task<RhythmTruth> GenerateAsync(string name, IReadOnlyList<SegmentSpec> segments)
    {
        var path = Path.Combine(MediaGenerator.Folder, name + ".wav");
        var script = Path.Combine(MediaGenerator.Folder, name + ".filter");
        var graph = new StringBuilder();
        var beats = new List<double>();
        var downbeats = new List<double>();
        var boundaries = new List<double>();
        var start = 0.0;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            var period = 60 / s.Bpm;
            var seconds = s.Bars * 4 * period;
            if (i > 0) boundaries.Add(Math.Round(start, 3));
            for (var b = 0; b < s.Bars * 4; b++)
            {
                beats.Add(Math.Round(start + b * period, 4));
                if (b % 4 == 0) downbeats.Add(Math.Round(start + b * period, 4));
            }
            graph.Append(CultureInfo.InvariantCulture, $"aevalsrc=exprs='{Expression(s)}':s=22050:d={seconds:0.######}[s{i}];\n");
            start += seconds;
        }
        for (var i = 0; i < segments.Count; i++) graph.Append(CultureInfo.InvariantCulture, $"[s{i}]");
        graph.Append(CultureInfo.InvariantCulture, $"concat=n={segments.Count}:v=0:a=1,alimiter=limit=0.9:level=false[out]");
        await File.WriteAllTextAsync(script, graph.ToString());

        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-y", "-filter_complex_script", script, "-map", "[out]", "-c:a", "pcm_s16le", path }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed generating {name}: {await stderr}");
        return new RhythmTruth(path, segments[0].Bpm, beats.ToArray(), downbeats.ToArray(), boundaries.ToArray(), Math.Round(start, 3));
    }

    /// <summary>
    /// One aevalsrc expression for a segment. Slots are eighth notes (8 per bar). Variables: 0 snare noise state,
    /// 1 hat noise state, 2 previous hat noise, 3 snare low-pass state, 4 background noise state, 5 time since
    /// the slot began, 6 slot in bar, 7 new hat noise, 8 high-passed hat noise.
    /// </summary>
    private static string Expression(SegmentSpec s)
    {
        static string Mask(int[] slots) => slots.Length == 0 ? "0" : "(" + string.Join("+", slots.Select(x => $"eq(ld(6),{x})")) + ")";
        var half = 30 / s.Bpm;
        var pad = string.Join("+", s.Chord.Select(f => s.Bright
            ? string.Create(CultureInfo.InvariantCulture, $"(sin(2*PI*{f}*t)+0.5*sin(4*PI*{f}*t)+0.33*sin(6*PI*{f}*t)+0.25*sin(8*PI*{f}*t))")
            : string.Create(CultureInfo.InvariantCulture, $"sin(2*PI*{f}*t)")));
        var e = new StringBuilder();
        e.Append(CultureInfo.InvariantCulture, $"st(5,mod(t,{half:R}));st(6,mod(floor(t/{half:R}+1e-9),8));");
        e.Append("st(7,random(1));st(8,ld(7)-ld(2));st(2,ld(7));");
        e.Append("st(3,ld(3)+0.3*(random(0)-0.5-ld(3)));");
        e.Append(CultureInfo.InvariantCulture, $"0.7*{Mask(s.Pattern.Kick)}*if(eq(ld(6),0),1,0.55)*sin(2*PI*(50*ld(5)+3*(1-exp(-ld(5)/0.03))))*exp(-ld(5)/0.12)");
        e.Append(CultureInfo.InvariantCulture, $"+0.35*{Mask(s.Pattern.Snare)}*(0.5*sin(2*PI*185*ld(5))+2.5*ld(3))*exp(-ld(5)/0.06)");
        e.Append(CultureInfo.InvariantCulture, $"+0.3*{Mask(s.Pattern.Hat)}*if(mod(ld(6),2),{s.Pattern.OffbeatHat:R},1)*ld(8)*exp(-ld(5)/0.02)");
        e.Append(CultureInfo.InvariantCulture, $"+{s.PadLevel:R}*({pad})");
        e.Append(CultureInfo.InvariantCulture, $"+{s.Noise:R}*(random(4)-0.5)");
        return e.ToString();
    }
}

/// <summary>Which eighth-note slots (0–7 in a 4/4 bar) play kick, snare and hi-hat; off-beat hats at <paramref name="OffbeatHat"/> of the on-beat level.</summary>
internal sealed record DrumPattern(int[] Kick, int[] Snare, int[] Hat, double OffbeatHat = 0.6);

/// <summary>A stretch of song: whole bars of one pattern and tempo over a pad chord (bright = with harmonics) plus noise.</summary>
internal sealed record SegmentSpec(int Bars, double Bpm, DrumPattern Pattern, double[] Chord, double PadLevel, bool Bright, double Noise);

/// <summary>A generated file and what is known about it: beat and downbeat times, first tempo, section starts after 0.</summary>
internal sealed record RhythmTruth(string Path, double Bpm, double[] Beats, double[] Downbeats, double[] SectionBoundaries, double Duration);
