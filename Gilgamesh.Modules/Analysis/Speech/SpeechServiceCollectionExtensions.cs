using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Analysis.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISpeechTranscriber"/> (section <c>Speech</c>; needs <c>AddGilgameshMedia</c>) and the
    /// speech health check type; the host adds the check to readiness. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddGilgameshSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SpeechSettings.Section).Get<SpeechSettings>() ?? new SpeechSettings();
        var dataDir = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>()?.DataDir ?? new GilgameshOptions().DataDir;
        services.TryAddSingleton<ISpeechTranscriber>(sp => new SpeechTranscriber(
            settings.ResolveModelDirectory(dataDir), settings, sp.GetRequiredService<PcmDecoder>(), sp.GetRequiredService<MediaProbe>()));
        services.TryAddSingleton<SpeechHealthCheck>();
        return services;
    }
}
