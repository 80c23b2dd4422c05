using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>The committed speech test inputs: reference scripts and their outputs, the tiny synthetic exports.</summary>
internal static class SpeechTestFiles
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "Gilgamesh.Tests", "Analysis", "Speech");

    public static string Reference(string name) => Path.Combine(Folder, "reference", name);

    /// <summary><c>tiny-whisper</c> (scripted sequence) or <c>tiny-whisper-loop</c> (forces temperature fallback).</summary>
    public static string Model(string name) => Path.Combine(Folder, "models", name);

    /// <summary>Debian's interpreter, which python3-numpy and python3-onnx are installed for (PATH may hold a pyenv shim).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>16 kHz mono: a steady tone, so no chunk counts as silent.</summary>
    public static float[] Tone(double seconds, double hz = 440, float amplitude = 0.3f) =>
        Enumerable.Range(0, (int)(seconds * 16_000)).Select(i => amplitude * MathF.Sin((float)(2 * Math.PI * hz * i / 16_000))).ToArray();
}
