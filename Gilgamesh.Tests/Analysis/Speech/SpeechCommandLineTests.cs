using System.Text.Json;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary><c>gilgamesh analyze speech</c> and <c>gilgamesh models</c> as a user runs them, with and without a model.</summary>
public sealed class SpeechCommandLineTests
{
    // The ONNX engine on the committed tiny exports, over tones: no VAD (a tone is not speech, so VAD would skip it all).
    private static Dictionary<string, string> ModelAt(string folder) => new() { ["Speech__ModelDirectory"] = folder, ["Speech__Engine"] = "onnx", ["Speech__Vad"] = "false" };

    [Test]
    public async Task AnalyzeSpeech_WithoutModel_ExitsOneWithModelMissingAndNoStackTrace()
    {
        using var empty = new TempDirectory("gilgamesh-nomodel");

        var (exit, stdout, stderr) = await AppCli.RunAsync(ModelAt(empty.Path), "analyze", "speech", await MediaGenerator.ToneOnlyAsync());

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("no speech model configured").And.Contain(empty.Path).And.Contain("[speech.model_missing]").And.Not.Contain("   at "));
    }

    [Test]
    public async Task AnalyzeSpeech_WithTinyModel_PrintsTranscriptJsonInSeconds()
    {
        var (exit, stdout, stderr) = await AppCli.RunAsync(ModelAt(SpeechTestFiles.Model("tiny-whisper")), "analyze", "speech", await MediaGenerator.ToneOnlyAsync());

        Assert.That(exit, Is.Zero, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(root.GetProperty("language").GetString(), Is.EqualTo("en"));
        Assert.That(root.GetProperty("source").GetString(), Is.EqualTo("speech"));
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        Assert.That(segments.Select(s => (s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), s.GetProperty("text").GetString())),
            Is.EqualTo(new[] { (0.0, 1.5, "Hello world."), (1.5, 3.0, "This is a café") }), "the second segment ends with the 3-s file");
        Assert.That(segments[0].GetProperty("words")[0].GetProperty("approximate").GetBoolean(), Is.True);
        Assert.That(segments[0].TryGetProperty("avgLogProb", out _) && segments[0].TryGetProperty("noSpeechProb", out _));
    }

    [Test]
    public async Task AnalyzeSpeech_FormatVtt_PrintsCaptionsVerbatim()
    {
        var (exit, stdout, stderr) = await AppCli.RunAsync(ModelAt(SpeechTestFiles.Model("tiny-whisper")), "analyze", "speech", await MediaGenerator.ToneOnlyAsync(), "--format", "vtt");

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello world.\n\n00:00:01.500 --> 00:00:03.000\nThis is a café\n\n"));
    }

    [Test]
    public async Task AnalyzeSpeech_WithCaptionsFile_NeedsNoModelAndConvertsToSrt()
    {
        using var temp = new TempDirectory("gilgamesh-captions");
        var vtt = temp.Combine("talk.vtt");
        await File.WriteAllTextAsync(vtt, "WEBVTT\n\n01:00:00.250 --> 01:00:02.000\nSupplied with the media\n");

        var (exit, stdout, stderr) = await AppCli.RunAsync(ModelAt(temp.Path), "analyze", "speech", await MediaGenerator.ToneOnlyAsync(), "--captions", vtt, "--format", "srt");

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo("1\n01:00:00,250 --> 01:00:02,000\nSupplied with the media\n\n"));
    }

    [Test]
    public async Task AnalyzeSpeech_WithBadFormat_ExitsOneNamingTheOption()
    {
        var (exit, _, stderr) = await AppCli.RunAsync("analyze", "speech", await MediaGenerator.ToneOnlyAsync(), "--format", "docx");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("--format").And.Contain("[speech.invalid_option]"));
    }

    [Test]
    public async Task ModelsVerify_OnTinyExport_SaysOk_AndOnEmptyFolder_ExitsOneWithModelMissing()
    {
        using var empty = new TempDirectory("gilgamesh-nomodel");

        var ok = await AppCli.RunAsync(ModelAt(SpeechTestFiles.Model("tiny-whisper")), "models", "verify");
        var missing = await AppCli.RunAsync(ModelAt(empty.Path), "models", "verify");

        Assert.That(ok.ExitCode, Is.Zero, ok.StdErr);
        Assert.That(ok.StdOut, Does.Contain("ok:").And.Contain("80 mel bins").And.Contain("2 decoder layers × 2 heads × 4"));
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.StdErr, Does.Contain("encoder_model.onnx").And.Contain("[speech.model_missing]"));
    }

    [Test]
    public async Task ModelsPull_Offline_ExitsOneWithTheUrlsAndTheTargetFolder()
    {
        using var data = new TempDirectory("gilgamesh-pull");
        var environment = new Dictionary<string, string>
        {
            ["Gilgamesh__DataDir"] = data.Path,
            // A proxy on the discard port refuses at once: offline, whatever this machine's network.
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["https_proxy"] = "http://127.0.0.1:9",
        };

        var (exit, _, stderr) = await AppCli.RunAsync(environment, "models", "pull", "onnx/tiny.en");

        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("[speech.download_failed]")
            .And.Contain("https://huggingface.co/onnx-community/whisper-tiny.en/resolve/main/onnx/encoder_model.onnx")
            .And.Contain("https://huggingface.co/onnx-community/whisper-tiny.en/resolve/main/onnx/decoder_model_merged.onnx")
            .And.Contain("https://huggingface.co/onnx-community/whisper-tiny.en/resolve/main/tokenizer.json")
            .And.Contain(Path.Combine(data.Path, "models", "whisper-tiny.en")));
    }

    [Test]
    public async Task ModelsPullGgml_Offline_ExitsOneWithTheUrlAndTheTargetFile()
    {
        using var data = new TempDirectory("gilgamesh-pull");
        var environment = new Dictionary<string, string>
        {
            ["Gilgamesh__DataDir"] = data.Path,
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["https_proxy"] = "http://127.0.0.1:9",
        };

        var (exit, _, stderr) = await AppCli.RunAsync(environment, "models", "pull", "base.en");

        Assert.That(exit, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("[speech.download_failed]")
            .And.Contain("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-base.en.bin")
            .And.Contain(Path.Combine(data.Path, "models", "ggml-base.en.bin")));
        Assert.That(Directory.Exists(Path.Combine(data.Path, "models")) ? Directory.GetFiles(Path.Combine(data.Path, "models")) : [], Is.Empty, "no partial file left");
    }

    [Test]
    public async Task ModelsList_ShowsGgmlModelsAndOnnxExportsAndWhichAreInstalled()
    {
        var (exit, stdout, stderr) = await AppCli.RunAsync(new Dictionary<string, string>
        {
            ["Speech__Model"] = "tiny", ["Speech__ModelDirectory"] = SpeechTestFiles.Model("tiny-whisper"), ["Speech__GgmlModelPath"] = TinyGgmlModels.Scripted,
        }, "models", "list");

        Assert.That(exit, Is.Zero, stderr);
        foreach (var name in new[] { "tiny", "tiny.en", "base", "base.en", "small", "large-v3-turbo", "base-q5_1", "onnx/tiny", "onnx/small.en" })
            Assert.That(stdout, Does.Contain($"\n{name} "), name);
        Assert.That(stdout, Does.Match(@"\ntiny\s+yes\s"), "the configured ggml file");
        Assert.That(stdout, Does.Match(@"\nonnx/tiny\s+yes\s"), "the configured export folder");
        Assert.That(stdout, Does.Match(@"\nbase\s+no\s"));
    }

    [Test]
    public async Task ModelsVerify_OnGeneratedGgml_SaysOk_AndOnTruncatedCopy_ExitsOneWithModelInvalid()
    {
        using var temp = new TempDirectory("gilgamesh-ggml");
        var truncated = temp.Combine("ggml-truncated.bin");
        var bytes = await File.ReadAllBytesAsync(TinyGgmlModels.Scripted);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length - 1000)]);

        var ok = await AppCli.RunAsync("models", "verify", TinyGgmlModels.Scripted);
        var bad = await AppCli.RunAsync("models", "verify", truncated);

        Assert.That(ok.ExitCode, Is.Zero, ok.StdErr);
        Assert.That(ok.StdOut, Does.Contain("ok:").And.Contain("f16").And.Contain("1+1 layers × 2 heads, width 64").And.Contain("multilingual").And.Contain("50 tensors"));
        Assert.That(bad.ExitCode, Is.EqualTo(1));
        Assert.That(bad.StdErr, Does.Contain("[speech.model_invalid]").And.Contain("truncated"));
    }

    [Test]
    public async Task Readiness_WithoutModel_IsDegradedAndSaysHowToInstallOne()
    {
        using var empty = new TempDirectory("gilgamesh-nomodel");
        var transcriber = new SpeechTranscriber(empty.Path, new SpeechSettings(), MediaTools.PcmDecoder, MediaTools.Probe);

        var result = await new SpeechHealthCheck(transcriber).CheckHealthAsync(new HealthCheckContext());

        Assert.That(transcriber.IsAvailable, Is.False);
        Assert.That(result.Status, Is.EqualTo(HealthStatus.Degraded), "the app serves without a speech model, but not fully");
        Assert.That(result.Description, Does.Contain("gilgamesh models pull"));
        Assert.That(result.Data["speech"], Is.EqualTo("unavailable"));
        Assert.That(result.Description, Does.StartWith("speech: unavailable").And.Contain("no speech model configured"));
        var e = Assert.ThrowsAsync<Gilgamesh.Modules.Kernel.Errors.GilgameshException>(() => transcriber.TranscribeAsync(MediaGenerator.ToneOnlyAsync().Result));
        Assert.That(e!.Code, Is.EqualTo(SpeechErrorCodes.ModelMissing));
    }

    [Test]
    public async Task Readiness_WithModel_SaysSpeechAvailable()
    {
        var transcriber = new SpeechTranscriber(SpeechTestFiles.Model("tiny-whisper"), new SpeechSettings(), MediaTools.PcmDecoder, MediaTools.Probe);

        var result = await new SpeechHealthCheck(transcriber).CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Data["speech"], Is.EqualTo("available"));
        var transcript = await transcriber.TranscribeAsync(await MediaGenerator.ToneOnlyAsync());
        Assert.That(transcript.Text, Is.EqualTo("Hello world. This is a café"));
    }
}
