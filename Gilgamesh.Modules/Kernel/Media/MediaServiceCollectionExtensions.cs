using Gilgamesh.Modules.Kernel.Media.Render;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Kernel.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the kernel's media I/O (options from section <c>Media</c>, tool locator, probe, PCM and
    /// frame decoders, ffmpeg runner, the render kit) and the <c>MediaToolsHealthCheck</c> type. The host adds it to its
    /// health endpoints (<c>AddHealthChecks().AddCheck&lt;MediaToolsHealthCheck&gt;("media")</c>).
    /// All services are stateless singletons; every call starts its own process.
    /// </summary>
    public static IServiceCollection AddGilgameshMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.Section));
        services.TryAddSingleton<MediaToolLocator>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<PcmDecoder>();
        services.TryAddSingleton<FrameDecoder>();
        services.TryAddSingleton<FfmpegRunner>();
        services.TryAddSingleton<MediaToolsHealthCheck>();
        services.AddGilgameshRenderKit();
        return services;
    }
}
