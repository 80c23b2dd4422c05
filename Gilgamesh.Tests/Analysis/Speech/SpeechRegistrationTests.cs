using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary><c>AddGilgameshSpeech</c>: the public facade other modules resolve, and where it looks for the model.</summary>
public sealed class SpeechRegistrationTests
{
    private static ISpeechTranscriber Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddGilgameshMedia(configuration).AddGilgameshSpeech(configuration);
        return services.BuildServiceProvider().GetRequiredService<ISpeechTranscriber>();
    }

    [Test]
    public void DefaultFolder_IsUnderTheDataDirNamedAfterTheModel()
    {
        var transcriber = Resolve(new() { ["Gilgamesh:DataDir"] = "/tmp/gilgamesh-nodata", ["Speech:Model"] = "small.en" });

        Assert.That(transcriber.IsAvailable, Is.False);
        Assert.That(transcriber.Status, Does.Contain("engine whisper.net").And.Contain("/tmp/gilgamesh-nodata/models/ggml-small.en.bin"));
    }

    [Test]
    public void OnnxEngine_WithoutModel_NamesTheExportFolder()
    {
        var transcriber = Resolve(new() { ["Gilgamesh:DataDir"] = "/tmp/gilgamesh-nodata", ["Speech:Model"] = "small.en", ["Speech:Engine"] = "onnx" });

        Assert.That(transcriber.IsAvailable, Is.False);
        Assert.That(transcriber.Status, Does.Contain("/tmp/gilgamesh-nodata/models/whisper-small.en").And.Contain("encoder_model.onnx"));
    }

    [Test]
    public async Task AutoEngine_WithoutCudaDevice_PicksWhisperNetAndReadinessSaysWhy()
    {
        var transcriber = Resolve(new() { ["Speech:GgmlModelPath"] = TinyGgmlModels.Scripted, ["Speech:ModelDirectory"] = SpeechTestFiles.Model("tiny-whisper") });

        var health = await new SpeechHealthCheck(transcriber).CheckHealthAsync(new HealthCheckContext());

        Assert.That(health.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(health.Data["engine"], Is.EqualTo("whisper.net"));
        Assert.That((string)health.Data["engineReason"], Does.Contain("no CUDA device"));
        Assert.That((string)health.Data["onnxRuntime"], Does.StartWith("CPU — CUDA unavailable"), "this machine has no GPU");
        Assert.That(health.Description, Does.Contain("engine whisper.net").And.Contain("ggml"));
    }

    [Test]
    public async Task OnnxEngine_OnCpu_StillTranscribes()
    {
        var transcriber = Resolve(new() { ["Speech:Engine"] = "onnx", ["Speech:Vad"] = "false", ["Speech:ModelDirectory"] = SpeechTestFiles.Model("tiny-whisper") });

        var health = await new SpeechHealthCheck(transcriber).CheckHealthAsync(new HealthCheckContext());
        var transcript = await transcriber.TranscribeAsync(await MediaGenerator.ToneOnlyAsync());

        Assert.That(health.Data["engine"], Is.EqualTo("onnx"));
        Assert.That(transcript.Text, Is.EqualTo("Hello world. This is a café"));
        Assert.That(transcript.Statistics!.Engine, Is.EqualTo("onnx"));
    }

    [Test]
    public void ConfiguredFolder_WithAnExport_IsAvailable()
    {
        var transcriber = Resolve(new() { ["Speech:ModelDirectory"] = SpeechTestFiles.Model("tiny-whisper") });

        Assert.That(transcriber.IsAvailable, Is.True);
        Assert.That(transcriber.Status, Does.Contain("tiny-whisper"));
    }
}
