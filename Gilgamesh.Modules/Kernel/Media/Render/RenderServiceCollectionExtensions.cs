using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Kernel.Media.Render;

internal static class RenderServiceCollectionExtensions
{
    /// <summary>The render kit (<see cref="IRenderKit"/>) and its parts; stateless singletons over the media I/O services.</summary>
    public static IServiceCollection AddGilgameshRenderKit(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<RenderRunner>();
        services.TryAddSingleton<SourceVideoProbe>();
        services.TryAddSingleton<SmartCutter>();
        services.TryAddSingleton<Joins.CrossfadeJoiner>();
        services.TryAddSingleton<ThumbnailPicker>();
        services.TryAddSingleton<IRenderKit, RenderKit>();
        return services;
    }
}
