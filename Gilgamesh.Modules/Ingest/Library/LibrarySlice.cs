using Gilgamesh.Modules.Ingest.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>The media library slice: items, the ingest path every source shares, the public contract.</summary>
internal static class LibrarySlice
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<MediaItemStore>();
        services.AddSingleton<MediaClassifier>();
        services.AddSingleton<MediaIngestor>();
        services.AddSingleton<IMediaLibrary, MediaLibrary>();
        services.AddSingleton(configuration.GetSection(LibraryOptions.Section).Get<LibraryOptions>() ?? new LibraryOptions());
        services.AddSingleton<MediaItemResponder>();
    }

    public static void Map(IEndpointRouteBuilder api) => LibraryEndpoints.Map(api);
}
