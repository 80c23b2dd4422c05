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

    [Test]
    public void RealMultilingualIds_SpecialLanguageTaskAndTimestampTokens_DecodeAsTheExportNumbersThem()
    {
        // A subset of the multilingual export (tiny, base, small): the byte-level base tokens and every special
        // token at its published id (<|startoftranscript|> 50258, <|en|> 50259 … <|su|> 50357, <|transcribe|> 50359).
        var t = WhisperTokenizer.Load(SpeechTestFiles.Model("whisper-multilingual-subset"));

        Assert.That((t.EndOfText, t.StartOfTranscript), Is.EqualTo((50257, 50258)));
        Assert.That(t.Languages, Has.Count.EqualTo(99));
        Assert.That((t.Languages["en"], t.Languages["ar"], t.Languages["bn"], t.Languages["su"]), Is.EqualTo((50259, 50272, 50302, 50357)));
        Assert.That((t.Translate, t.Transcribe, t.StartOfLm, t.StartOfPrevious), Is.EqualTo((50358, 50359, 50360, 50361)));
        Assert.That((t.NoSpeech, t.NoTimestamps, t.TimestampBegin), Is.EqualTo((50362, 50363, 50364)), "<|nocaptions|> is the older name of <|nospeech|>");
        Assert.That(t.Blank, Is.EqualTo(220));

        // <|startoftranscript|><|en|><|transcribe|><|0.00|> Hi.<|1.00|><|endoftext|>
        int[] ids = [50258, 50259, 50359, 50364, 220, 'H' - 33, 'i' - 33, '.' - 33, 50364 + 50, 50257];
        Assert.That(t.Decode(ids), Is.EqualTo(" Hi."));
        Assert.That(t.TokenText(50364 + 50), Is.EqualTo("<|1.00|>"));
        Assert.That(t.TimestampSeconds(50364 + 1500), Is.EqualTo(30.0));
        Assert.That(t.IsTimestamp(50364 + 1501), Is.False);
    }
}
