using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>The tokenizer on the committed vocabulary subset, in the real export's format (byte-level vocab.json, tokenizer.json added_tokens).</summary>
public sealed class WhisperTokenizerTests
{
    private static WhisperTokenizer Load() => WhisperTokenizer.Load(SpeechTestFiles.Model("tiny-whisper"));

    [Test]
    public void SpecialTokens_AreFoundByContentInWhisperOrder()
    {
        var t = Load();

        Assert.That(t.EndOfText, Is.EqualTo(19));
        Assert.That(t.StartOfTranscript, Is.EqualTo(20));
        Assert.That(t.Languages, Is.EqualTo(new Dictionary<string, int> { ["en"] = 21, ["de"] = 22, ["fr"] = 23 }));
        Assert.That((t.Translate, t.Transcribe, t.StartOfPrevious, t.NoSpeech, t.NoTimestamps), Is.EqualTo((24, 25, 27, 28, 29)));
        Assert.That(t.TimestampBegin, Is.EqualTo(30), "timestamps follow <|notimestamps|> even when the files do not list them");
        Assert.That(t.Blank, Is.EqualTo(3), "the lone 'Ġ' token");
    }

    [Test]
    public void Decode_JoinsByteLevelTokensToUtf8_AndSkipsSpecialAndTimestampTokens()
    {
        var t = Load();
        // <|startoftranscript|><|en|><|transcribe|><|0.00|> Hello world.<|1.50|> This is a café<|3.20|><|endoftext|>
        int[] ids = [20, 21, 25, 30, 6, 7, 1, 30 + 75, 8, 9, 10, 12, 13, 30 + 160, 19];

        Assert.That(t.Decode(ids), Is.EqualTo(" Hello world. This is a café"));
        Assert.That(t.Decode([16, 17]), Is.EqualTo(" grüß"), "two-byte characters split over token characters");
    }

    [Test]
    public void TimestampTokens_AreTwoHundredthsOfASecondFromTimestampBegin()
    {
        var t = Load();

        Assert.That(t.TimestampSeconds(30), Is.EqualTo(0.0));
        Assert.That(t.TimestampSeconds(30 + 75), Is.EqualTo(1.5));
        Assert.That(t.TimestampSeconds(30 + 1500), Is.EqualTo(30.0));
        Assert.That(t.TokenText(30 + 160), Is.EqualTo("<|3.20|>"));
        Assert.That(t.TokenText(30 + 1500), Is.EqualTo("<|30.00|>"));
        Assert.That(t.IsTimestamp(29), Is.False);
        Assert.That(t.IsTimestamp(30 + 1501), Is.False);
        Assert.That(t.TokenText(20), Is.EqualTo("<|startoftranscript|>"));
        Assert.That(t.TokenText(6), Is.EqualTo("\u0120Hello"));
    }
}
