using Gilgamesh.Modules.Ingest.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
        services.AddOptions<LibraryOptions>().Bind(configuration.GetSection(LibraryOptions.Section))
            .Validate(o => o.SignedUrlTtlSeconds is >= 10 and <= 86_400, "Ingest:Library:SignedUrlTtlSeconds must be in [10, 86400].")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LibraryOptions>>().Value);
        services.AddSingleton<MediaItemResponder>();
    }

    public static void Map(IEndpointRouteBuilder api) => LibraryEndpoints.Map(api);
}
