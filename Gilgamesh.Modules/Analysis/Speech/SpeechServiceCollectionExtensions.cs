using Gilgamesh.Modules.Analysis.Vad;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Analysis.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISpeechTranscriber"/> (section <c>Speech</c>; needs <c>AddGilgameshMedia</c>): the
    /// engine <c>Speech:Engine</c> picks, over the Silero VAD (section <c>Vad</c>), and the speech health check
    /// type; the host adds the check to readiness. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddGilgameshSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SpeechSettings.Section).Get<SpeechSettings>() ?? new SpeechSettings();
        var dataDir = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>()?.DataDir ?? new GilgameshOptions().DataDir;
        services.AddGilgameshVad(configuration);
        services.TryAddSingleton(sp => new SpeechTranscriber(
            settings.ResolveModelDirectory(dataDir), settings, sp.GetRequiredService<PcmDecoder>(), sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<VoiceActivityDetector>()));
        services.TryAddSingleton(sp => new WhisperNetTranscriber(
            settings.ResolveGgmlModelPath(dataDir), settings, sp.GetRequiredService<PcmDecoder>(), sp.GetRequiredService<MediaProbe>(), sp.GetRequiredService<VoiceActivityDetector>()));
        services.TryAddSingleton<ISpeechTranscriber>(sp => new SelectedSpeechTranscriber(
            settings, sp.GetRequiredService<WhisperNetTranscriber>(), sp.GetRequiredService<SpeechTranscriber>()));
        services.TryAddSingleton<SpeechHealthCheck>();
        return services;
    }
}
