using System.Diagnostics;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// The whole decoding loop (log-mel → encoder → merged decoder with KV cache → logit filters → segments)
/// on the tiny exports made by reference/make_tiny_whisper.py: same names and ranks as the real export,
/// weights arranged so the right token sequence only comes out of a correct decoder.
/// </summary>
public sealed class WhisperSyntheticModelTests
{
    [Test]
    public void ScriptedModel_DecodesExactSegmentsTimesAndText_ThroughTheKvCache()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));

        var result = new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions(), null, CancellationToken.None);

        var transcript = result.Transcript;
        Assert.That(transcript.Language, Is.EqualTo("en"), "detected: <|en|> is the likeliest language after <|startoftranscript|>");
        Assert.That(transcript.Source, Is.EqualTo("speech"));
        Assert.That(transcript.Segments.Select(s => (s.Start, s.End, s.Text)), Is.EqualTo(new[]
        {
            (0.0, 1.5, "Hello world."),
            (1.5, 3.2, "This is a café"),
        }));
        var decoding = result.Chunks.Single().Decoding!;
        Assert.That(decoding.Rejected, Is.Empty);
        Assert.That(decoding.Result.Temperature, Is.Zero);
        Assert.That(model.Tokenizer.Decode(decoding.Result.Tokens), Does.Not.Contain("WRONG"));
        Assert.That(transcript.Segments[0].AvgLogProb, Is.EqualTo(0).Within(1e-3), "one-hot logits: every chosen token is certain");
        Assert.That(transcript.Segments[0].NoSpeechProb, Is.LessThan(1e-6));
    }

    [Test]
    public void ScriptedModel_WordsAreSpreadByCharactersAndMarkedApproximate()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));

        var transcript = new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions(), null, CancellationToken.None).Transcript;

        var words = transcript.Segments[0].Words!;
        Assert.That(words.Select(w => (w.Start, w.End, w.Text, w.Approximate)), Is.EqualTo(new[]
        {
            (0.0, 0.682, "Hello", true),     // 5 of the segment's 11 characters, of 1.5 s
            (0.682, 1.5, "world.", true),
        }));
        Assert.That(transcript.Words, Has.Count.EqualTo(6));
    }

    [Test]
    public void ExportWithCrossAttentions_AlignsWordsByDynamicTimeWarping_NotApproximate()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper-words"));

        var transcript = new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions(), null, CancellationToken.None).Transcript;

        Assert.That(model.AlignmentHeads, Is.EqualTo(new[] { (0, 1), (1, 0) }));
        Assert.That(transcript.Segments.Select(s => s.Text), Is.EqualTo(new[] { "Hello world.", "This is a café" }));
        // The attention boxes of make_tiny_whisper.py: Hello 0–0.6 s, world 0.6–1.2, "." 1.2–1.5, This 1.5–2.0, …
        Assert.That(transcript.Words!.Select(w => (w.Start, w.End, w.Text, w.Approximate)), Is.EqualTo(new[]
        {
            (0.0, 0.6, "Hello", false),
            (0.6, 1.5, "world.", false),
            (1.5, 2.0, "This", false),
            (2.0, 2.3, "is", false),
            (2.3, 2.5, "a", false),
            (2.5, 3.0, "café", false),
        }));
    }

    [Test]
    public void ScriptedModel_DecoderFedWithoutItsCache_SaysWrong()
    {
        // Guards the guard: the scripted model answers " WRONG" when a position gets an unexpected token, so a
        // decoder that ignored present.* (or re-fed the prompt) could not produce the text asserted above.
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));
        using var encoded = model.Encode(new WhisperLogMel(80).Compute(SpeechTestFiles.Tone(1)));
        using var run = model.StartDecoder(encoded);

        var prompt = run.Run([20, 21, 25], 2)[0];
        var misfed = run.Run([20], 0)[0]; // position 3 expects <|0.00|>

        Assert.That(Array.IndexOf(prompt, prompt.Max()), Is.EqualTo(30), "<|0.00|> after the prompt");
        Assert.That(Array.IndexOf(misfed, misfed.Max()), Is.EqualTo(15), "' WRONG'");
        Assert.That(run.Length, Is.EqualTo(4));
    }

    [Test]
    public void LoopingModel_FallsBackFromGreedyToSeededSampling_AndIsReproducible()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper-loop"));

        var first = new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions("en"), null, CancellationToken.None);
        var second = new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions("en"), null, CancellationToken.None);

        var decoding = first.Chunks.Single().Decoding!;
        Assert.That(decoding.Rejected, Is.Not.Empty);
        var greedy = decoding.Rejected[0];
        Assert.That(greedy.Temperature, Is.Zero);
        Assert.That(greedy.CompressionRatio, Is.GreaterThan(2.4), "greedy loops on ' la'");
        Assert.That(greedy.Tokens, Has.Count.EqualTo(224), "stopped by the sample length (n_text_ctx / 2)");
        Assert.That(decoding.Result.Temperature, Is.GreaterThan(0));
        Assert.That(decoding.Result.CompressionRatio, Is.LessThanOrEqualTo(2.4));
        var segment = first.Transcript.Segments.Single();
        Assert.That((segment.Start, segment.End), Is.EqualTo((0.0, 1.0)));
        Assert.That(segment.Text, Does.Match("^la( la)*$"));
        Assert.That(second.Transcript.Segments.Select(s => s.Text), Is.EqualTo(first.Transcript.Segments.Select(s => s.Text)), "seeded sampling");
    }

    [Test]
    public void LowAverageLogProbability_AloneTriggersTheFallback_UntilATemperaturePasses()
    {
        // The looping model's greedy text picks " la" at p = 0.5 every step: avg log-probability ≈ ln 0.5 = −0.69.
        // With the compression-ratio trigger out of the way, only the log-probability threshold decides.
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper-loop"));
        var noCompressionTrigger = new WhisperDecodingOptions { CompressionRatioThreshold = 1e9 };

        var strict = new WhisperEngine(model, noCompressionTrigger with { LogProbThreshold = -0.5 })
            .Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions("en"), null, CancellationToken.None).Chunks.Single().Decoding!;
        var lenient = new WhisperEngine(model, noCompressionTrigger with { LogProbThreshold = -1.0 })
            .Transcribe(SpeechTestFiles.Tone(4), [], new SpeechOptions("en"), null, CancellationToken.None).Chunks.Single().Decoding!;

        Assert.That(lenient.Rejected, Is.Empty, "at the default −1.0 the greedy text stands");
        Assert.That(lenient.Result.AvgLogProb, Is.EqualTo(Math.Log(0.5)).Within(0.02));
        Assert.That(strict.Rejected, Is.Not.Empty);
        Assert.That(strict.Rejected[0].Temperature, Is.Zero, "the greedy text is rejected for its log-probability alone");
        Assert.That(strict.Rejected, Has.All.Matches<DecodingAttempt>(a => a.AvgLogProb < -0.5));
        Assert.That(strict.Result.Temperature, Is.GreaterThan(0));
        Assert.That(strict.Result.AvgLogProb, Is.GreaterThanOrEqualTo(-0.5), "sampling found text that passes the threshold");
    }

    [Test]
    public void Prompt_CarriesTheLastContextTokensAfterStartOfPrevious_ThenLanguageAndTask()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));
        var decoder = new WhisperWindowDecoder(model, new WhisperDecodingOptions { MaxPromptTokens = 3 });

        var (prompt, sot) = decoder.Prompt([6, 7, 1, 8, 9], "de", SpeechTask.Translate);
        var (fresh, freshSot) = decoder.Prompt([], null, SpeechTask.Transcribe);

        Assert.That(prompt, Is.EqualTo(new[] { 27, 1, 8, 9, 20, 22, 24 }), "<|startofprev|> . This is <|startoftranscript|><|de|><|translate|>");
        Assert.That(sot, Is.EqualTo(4));
        Assert.That(fresh, Is.EqualTo(new[] { 20, 21, 25 }));
        Assert.That(freshSot, Is.Zero);
    }

    [Test]
    public void ScriptedModel_WithContext_SeesTheShiftedPositions()
    {
        // The context really reaches the decoder: the scripted positions no longer line up.
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));
        using var encoded = model.Encode(new WhisperLogMel(80).Compute(SpeechTestFiles.Tone(1)));

        var decoding = new WhisperWindowDecoder(model, new WhisperDecodingOptions()).Decode(encoded, [6, 7], "en", SpeechTask.Transcribe, 0, CancellationToken.None);

        Assert.That(decoding.Rejected.Select(r => r.Text).Append(decoding.Result.Text), Has.Some.Contains("WRONG"));
    }

    [Test]
    public void LoopingModel_OnThreeChunks_PutsEachChunksSegmentInFileTime()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper-loop"));
        Gilgamesh.Modules.Analysis.Silence.AudioInterval[] silences = [new(28, 29, -70), new(55, 56, -70)];

        var result = new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(70), silences, new SpeechOptions("en"), null, CancellationToken.None);

        Assert.That(result.Chunks.Select(c => (c.Chunk.Start, c.Chunk.End)), Is.EqualTo(new[] { (0.0, 28.5), (28.5, 55.5), (55.5, 70.0) }));
        Assert.That(result.Transcript.Segments.Select(s => (s.Start, s.End)), Is.EqualTo(new[] { (0.0, 1.0), (28.5, 29.5), (55.5, 56.5) }));
        Assert.That(result.Transcript.Segments.Select(s => s.Text), Has.All.Match("^la( la)*$"));
    }

    [Test]
    public void FixedLanguageOutsideTheModel_IsAnInvalidOption()
    {
        using var model = WhisperOnnxModel.Open(SpeechTestFiles.Model("tiny-whisper"));

        var e = Assert.Throws<GilgameshException>(() => new WhisperEngine(model).Transcribe(SpeechTestFiles.Tone(1), [], new SpeechOptions("xx"), null, CancellationToken.None));

        Assert.That(e!.Code, Is.EqualTo(SpeechErrorCodes.InvalidOption));
        Assert.That(e.Message, Does.Contain("'xx'"));
    }

    [Test]
    public void SignatureCheck_OnSwappedEncoderAndDecoder_ListsTheMismatches()
    {
        using var temp = new TempDirectory("gilgamesh-whisper");
        foreach (var file in Directory.GetFiles(SpeechTestFiles.Model("tiny-whisper"))) File.Copy(file, temp.Combine(Path.GetFileName(file)));
        File.Copy(SpeechTestFiles.Model("tiny-whisper") + "/encoder_model.onnx", temp.Combine("decoder_model_merged.onnx"), overwrite: true);

        var e = Assert.Throws<GilgameshException>(() => WhisperOnnxModel.Open(temp.Path));

        Assert.That(e!.Code, Is.EqualTo(SpeechErrorCodes.ModelInvalid));
        Assert.That(e.Message, Does.Contain("decoder input input_ids missing").And.Contain("past_key_values.0.decoder.key missing"));
    }

    [Test]
    public async Task GeneratorScript_ReproducesTheCommittedModelFiles()
    {
        using var temp = new TempDirectory("gilgamesh-whisper-gen");
        var psi = new ProcessStartInfo(SpeechTestFiles.Python) { RedirectStandardError = true };
        psi.ArgumentList.Add(SpeechTestFiles.Reference("make_tiny_whisper.py"));
        psi.ArgumentList.Add(temp.Path);
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, stderr);

        foreach (var variant in new[] { "tiny-whisper", "tiny-whisper-loop", "tiny-whisper-words" })
        {
            var committed = Directory.GetFiles(SpeechTestFiles.Model(variant)).Select(Path.GetFileName).Order().ToList();
            Assert.That(Directory.GetFiles(Path.Combine(temp.Path, variant)).Select(Path.GetFileName).Order(), Is.EqualTo(committed));
            foreach (var file in committed)
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(temp.Path, variant, file!)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(SpeechTestFiles.Model(variant), file!))), $"{variant}/{file}");
            Assert.That(committed.Sum(f => new FileInfo(Path.Combine(SpeechTestFiles.Model(variant), f!)).Length), Is.LessThan(64 * 1024), "kilobytes");
        }
    }
}
