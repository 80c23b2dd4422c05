using Gilgamesh.Modules.Analysis.Speech.Ggml;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// whisper.cpp model files generated here, once per run, with the real layout and tiny random weights (this
/// machine cannot download real weights): 1 encoder and 1 decoder block of width 64, the multilingual
/// 51,865-token vocabulary, ~7 MB. Their decoders follow a script (see <see cref="SyntheticGgmlWhisper"/>).
/// </summary>
internal static class TinyGgmlModels
{
    public const int Hello = 15496, World = 995, Period = 13, La = 8591;
    public const int German = SyntheticGgmlWhisper.FirstLanguage + 2, English = SyntheticGgmlWhisper.FirstLanguage;

    // The words the scripts say, and the slide-prompt words, so whisper.cpp can tokenize a prompt of them.
    private static readonly Dictionary<int, string> Words = new()
    {
        [Hello] = " Hello", [World] = " world", [Period] = ".", [La] = " la", [11] = ",",
        [40001] = "Gilgamesh", [40002] = " Enkidu", [40003] = " Uruk",
    };
    private static readonly Lazy<string> ScriptedModel = new(() => Generate("ggml-tiny-scripted.bin", ScriptedSpec()));
    private static readonly Lazy<string> LoopModel = new(() => Generate("ggml-tiny-loop.bin", LoopSpec()));
    private static readonly Lazy<string> TinyDimsModel = new(() => Generate("ggml-tiny-dims-scripted.bin", ScriptedSpec() with
    {
        State = 384, Heads = 6, AudioLayers = 4, TextLayers = 4,
    }));

    /// <summary>Detects German; then says <c>&lt;|0.00|&gt; Hello world. &lt;|1.50|&gt;</c> and ends.</summary>
    public static string Scripted => ScriptedModel.Value;

    /// <summary>
    /// The scripted model at the real tiny model's dimensions (384 wide, 6 heads, 4 + 4 blocks; ~75 MB): whisper.cpp
    /// spends real time on each 30-s window, for tests of progress and cancellation while it works.
    /// </summary>
    public static string TinyDims => TinyDimsModel.Value;

    /// <summary>Says " la" eight times per 2-s segment, segment after segment: a recognizer stuck in a loop.</summary>
    public static string Looping => LoopModel.Value;

    private static SyntheticGgmlSpec ScriptedSpec() => new()
    {
        Words = Words,
        // Position 0 answers the language query; 2 is the last prompt token (<|sot|> <|lang|> <|task|>).
        Script = [German, null, SyntheticGgmlWhisper.TimestampBegin, Hello, World, Period, SyntheticGgmlWhisper.TimestampBegin + 75, SyntheticGgmlWhisper.EndOfText],
    };

    private static SyntheticGgmlSpec LoopSpec()
    {
        var script = new List<int?> { English, null, SyntheticGgmlWhisper.TimestampBegin };
        for (var segment = 1; segment <= 4; segment++)
        {
            script.AddRange(Enumerable.Repeat<int?>(La, 8));
            var close = SyntheticGgmlWhisper.TimestampBegin + segment * 100; // 2 s per segment
            script.Add(close);
            script.Add(close);
        }
        return new SyntheticGgmlSpec { Words = Words, Script = script };
    }

    private static string Generate(string name, SyntheticGgmlSpec spec)
    {
        var path = Path.Combine(MediaGenerator.Folder, name);
        SyntheticGgmlWhisper.Write(path, spec);
        return path;
    }
}
