using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.That(transcriber.Status, Does.Contain("/tmp/gilgamesh-nodata/models/whisper-small.en").And.Contain("encoder_model.onnx"));
    }

    [Test]
    public void ConfiguredFolder_WithAnExport_IsAvailable()
    {
        var transcriber = Resolve(new() { ["Speech:ModelDirectory"] = SpeechTestFiles.Model("tiny-whisper") });

        Assert.That(transcriber.IsAvailable, Is.True);
        Assert.That(transcriber.Status, Does.Contain("tiny-whisper"));
    }
}
