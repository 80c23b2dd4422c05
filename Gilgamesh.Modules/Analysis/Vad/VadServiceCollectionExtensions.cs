using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Analysis.Vad;

internal static class VadServiceCollectionExtensions
{
    /// <summary>Registers the Silero <see cref="VoiceActivityDetector"/> (section <c>Vad</c>; needs <c>AddGilgameshMedia</c>).</summary>
    public static IServiceCollection AddGilgameshVad(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(VadSettings.Section).Get<VadSettings>() ?? new VadSettings();
        services.TryAddSingleton(sp => new VoiceActivityDetector(settings, sp.GetRequiredService<PcmDecoder>()));
        return services;
    }
}
