using System.Diagnostics;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// One utterance from espeak-ng (deterministic for a given version), read as 22,050 Hz mono samples
/// and trimmed to its first and last sample above −34 dBFS peak, so the clip's ends are its truth.
/// Needs the Debian package <c>espeak-ng</c>.
/// </summary>
internal static class EspeakSpeech
{
    public const int SampleRate = 22_050;
    private const float TrimAmplitude = 0.02f;

    private const string DefaultText = "the analysis engine measures every moment of sound";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<float[]>> Clips = new();

    public static float[] Samples => Say(DefaultText);

    /// <summary>The trimmed utterance of <paramref name="text"/> at <paramref name="wordsPerMinute"/>, synthesised once per process.</summary>
    public static float[] Say(string text, int wordsPerMinute = 150) =>
        Clips.GetOrAdd($"{wordsPerMinute}|{text}", _ => new Lazy<float[]>(() => Synthesize(text, wordsPerMinute))).Value;

    private static float[] Synthesize(string text, int wordsPerMinute)
    {
        var wav = Path.Combine(Path.GetTempPath(), $"gilgamesh-espeak-{Environment.ProcessId}-{Guid.NewGuid():N}.wav");
        var psi = new ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-v", "en", "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wav, text }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi) ?? throw new InvalidOperationException("espeak-ng did not start (apt-get install espeak-ng)"))
        {
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed: {p.StandardError.ReadToEnd()}");
        }

        var samples = WavPcm16.Read(wav, out var rate);
        File.Delete(wav);
        if (rate != SampleRate) throw new InvalidOperationException($"espeak-ng wrote {rate} Hz, expected {SampleRate}");
        var first = Array.FindIndex(samples, s => Math.Abs(s) >= TrimAmplitude);
        var last = Array.FindLastIndex(samples, s => Math.Abs(s) >= TrimAmplitude);
        return samples[first..(last + 1)];
    }
}
