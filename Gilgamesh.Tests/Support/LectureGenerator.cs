using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// A generated lecture with known ground truth: espeak-ng speaks each sentence of <see cref="LectureScript"/>
/// (synthesised one sentence at a time and measured, then laid end to end with known pauses), drawtext slides
/// change at known times in the pause between two sentences, a camera inset (a moving "head" in a box at the
/// bottom right) moves all the time, and an SRT with one cue per sentence comes with it. Generated once per
/// spec per test process into <see cref="MediaGenerator.Folder"/> (or a given folder for the bench).
/// Needs espeak-ng, ffmpeg and fonts-dejavu-core.
/// </summary>
internal static class LectureGenerator
{
    private const int SampleRate = EspeakSpeech.SampleRate;
    private const double LeadIn = 0.8;
    private const double TailOut = 1.0;

    private static readonly ConcurrentDictionary<string, Lazy<Task<LectureTruth>>> Generated = new();
    private static readonly ConcurrentDictionary<string, float[]> Utterances = new();

    public static Task<LectureTruth> GenerateAsync(LectureSpec spec, string? folder = null) =>
        Generated.GetOrAdd(spec.FileStem + "|" + folder, _ => new Lazy<Task<LectureTruth>>(() => RenderAsync(spec, folder ?? MediaGenerator.Folder))).Value;

    private static async Task<LectureTruth> RenderAsync(LectureSpec spec, string folder)
    {
        var script = Plan(spec);
        Parallel.ForEach(script.Select(s => s.Text).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            text => Utterances.GetOrAdd(text, Speak));

        var sentences = new List<LectureTruth.Sentence>();
        var slideStarts = new double[spec.Slides];
        var t = LeadIn;
        for (var i = 0; i < script.Count; i++)
        {
            var (slide, text) = script[i];
            if (i == 0 || script[i - 1].Slide != slide) slideStarts[slide] = slide == 0 ? 0 : Math.Round(t - LectureSpec.SlidePause / 2, 3);
            var samples = Utterances[text];
            var start = Math.Round(t, 3);
            var end = Math.Round(t + (double)samples.Length / SampleRate, 3);
            sentences.Add(new LectureTruth.Sentence(i, slide, start, end, text, LectureScript.IsCueSentence(text)));
            var lastOfSlide = i + 1 == script.Count || script[i + 1].Slide != slide;
            t = end + (lastOfSlide ? LectureSpec.SlidePause : LectureSpec.SentencePause(i));
        }
        var duration = Math.Round(sentences[^1].End + TailOut, 3);
        var slides = Enumerable.Range(0, spec.Slides)
            .Select(s => new LectureTruth.Slide(s, slideStarts[s], s + 1 < spec.Slides ? slideStarts[s + 1] : duration, LectureScript.TopicOf(s).Title, LectureScript.SlideLines(s)))
            .ToList();

        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, spec.FileStem);
        var wav = stem + ".wav";
        WriteAudio(wav, sentences, duration);
        var captions = stem + ".srt";
        await File.WriteAllTextAsync(captions, Captions.ToSrt(new Transcript(null,
            sentences.Select(s => new TranscriptSegment(s.Start, s.End, s.Text)).ToList(), Transcript.CaptionsSource)));

        var video = stem + ".mp4";
        var graph = stem + ".filter";
        await File.WriteAllTextAsync(graph, FilterGraph(spec, slides, duration, stem));
        var audio = spec.WithSpeech ? "-map 0:a -c:a aac -b:a 96k " : "";
        await MediaTools.Runner.RunAsync(string.Create(CultureInfo.InvariantCulture,
            $"-y -filter_complex_script {graph} -i {wav} -map [out] {audio}-c:v libx264 -preset ultrafast -crf 23 -g 50 -pix_fmt yuv420p -r {LectureSpec.FrameRate} -t {duration} {video}"));
        File.Delete(wav);
        return new LectureTruth(video, captions, duration, slides, sentences);
    }

    /// <summary>Which sentence is said on which slide: each slide gets sentences until its time is used (at least three).</summary>
    private static List<(int Slide, string Text)> Plan(LectureSpec spec)
    {
        var script = new List<(int Slide, string Text)>();
        for (var slide = 0; slide < spec.Slides; slide++)
        {
            var cue = slide == spec.CueSlide;
            var used = 0.0;
            for (var n = 0; n < 3 || used < spec.SecondsPerSlide - 4; n++)
            {
                var text = LectureScript.Sentence(slide, n, cue);
                var samples = Utterances.GetOrAdd(text, Speak);
                used += (double)samples.Length / SampleRate + LectureSpec.SentencePause(script.Count);
                script.Add((slide, text));
            }
        }
        return script;
    }

    // The lecture speaks a little faster than the engines' ground-truth clips.
    private static float[] Speak(string text) => EspeakSpeech.Say(text, wordsPerMinute: 160);

    private static void WriteAudio(string path, IReadOnlyList<LectureTruth.Sentence> sentences, double duration)
    {
        var total = (long)Math.Ceiling(duration * SampleRate);
        var buffer = new float[total];
        foreach (var s in sentences)
        {
            var samples = Utterances[s.Text];
            var offset = (long)Math.Round(s.Start * SampleRate);
            Array.Copy(samples, 0, buffer, offset, Math.Min(samples.Length, total - offset));
        }
        WavPcm16.Write(path, SampleRate, total, i => buffer[i]);
    }

    private static string FilterGraph(LectureSpec spec, IReadOnlyList<LectureTruth.Slide> slides, double duration, string stem)
    {
        var (w, h) = (spec.Width, spec.Height);
        var title = h / 10;
        var line = h / 16;
        var g = new StringBuilder();
        g.Append(CultureInfo.InvariantCulture, $"color=c=0x1e2a44:s={w}x{h}:r={LectureSpec.FrameRate}:d={duration}");
        foreach (var slide in slides)
        {
            var enable = string.Create(CultureInfo.InvariantCulture, $"gte(t,{slide.Start})*lt(t,{slide.End})");
            var name = Path.GetFileName(stem) + "-slide" + slide.Index.ToString(CultureInfo.InvariantCulture);
            g.Append(',').Append(FilterGraphRender.DrawText(Fonts.DejaVuSansBold, title, "white", w / 20, h / 12, name + "-title", slide.Lines[0], enable));
            for (var l = 1; l < slide.Lines.Count; l++)
                g.Append(',').Append(FilterGraphRender.DrawText(Fonts.DejaVuSans, line, "white", w / 20, h / 12 + title * 2 + (l - 1) * line * 2,
                    name + "-line" + l.ToString(CultureInfo.InvariantCulture), slide.Lines[l], enable));
        }
        if (!spec.CameraInset)
        {
            g.Append("[out]");
            return g.ToString();
        }
        // The camera: a noisy grey box with a skin-toned "head" swaying left and right (period 7 s) and bobbing a little.
        var (cw, ch) = (w / 4, h / 3);
        g.Append("[slides];");
        // Sensor noise (fixed seed) as a real camera has: a flat box never moving would not read as a camera to the layout engine.
        g.Append(CultureInfo.InvariantCulture, $"color=c=0x505860:s={cw}x{ch}:r={LectureSpec.FrameRate}:d={duration},noise=alls=24:allf=t:all_seed=4242[cam];");
        g.Append(CultureInfo.InvariantCulture, $"color=c=0xe0b090:s={cw / 4}x{ch / 3}:r={LectureSpec.FrameRate}:d={duration}[head];");
        g.Append(CultureInfo.InvariantCulture, $"[cam][head]overlay=x='{cw * 3 / 8}+{cw / 4}*sin(2*PI*t/7)':y='{ch / 4}+{ch / 16}*sin(2*PI*t/3)'[inset];");
        g.Append(CultureInfo.InvariantCulture, $"[slides][inset]overlay=x={w - cw - w / 40}:y={h - ch - h / 30}[out]");
        return g.ToString();
    }
}
