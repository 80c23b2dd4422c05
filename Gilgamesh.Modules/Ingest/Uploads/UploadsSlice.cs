using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>The uploads slice: simple and resumable uploads into the library, and the cleanup of abandoned sessions.</summary>
internal static class UploadsSlice
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(UploadOptions.Section).Get<UploadOptions>() ?? new UploadOptions());
        services.AddSingleton<UploadArea>();
        services.AddSingleton<UploadSessionStore>();
        services.AddScoped<UploadSessionCleanup>();
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        SimpleUploadEndpoint.Map(api);
        ChunkedUploadEndpoints.Map(api);
    }
}
