using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>The uploads slice: simple and resumable uploads into the library, and the cleanup of abandoned sessions.</summary>
internal static class UploadsSlice
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        // Bound and checked at start: a bad value stops the app with the setting's name, not the first upload.
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section))
            .Validate(o => o.MaxBytes > 0, "Ingest:Uploads:MaxBytes must be positive.")
            .Validate(o => o.MinChunkBytes > 0 && o.MinChunkBytes <= o.MaxChunkBytes,
                "Ingest:Uploads:MinChunkBytes must be positive and at most MaxChunkBytes.")
            .Validate(o => o.DefaultChunkBytes > 0, "Ingest:Uploads:DefaultChunkBytes must be positive.")
            .Validate(o => o.SessionTimeoutMinutes >= 1, "Ingest:Uploads:SessionTimeoutMinutes must be at least 1.")
            .Validate(o => o.RecoveryIntervalSeconds >= 1, "Ingest:Uploads:RecoveryIntervalSeconds must be at least 1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.CleanupCron), "Ingest:Uploads:CleanupCron must be a cron expression.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<UploadOptions>>().Value);
        services.AddSingleton<UploadArea>();
        services.AddSingleton<UploadSessionStore>();
        services.AddScoped<UploadSessionCleanup>();
        services.AddSingleton<InterruptedCompletions>();
        services.AddHostedService<InterruptedCompletionsService>();
        services.AddHostedService<UploadCleanupSchedule>();
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        SimpleUploadEndpoint.Map(api);
        ChunkedUploadEndpoints.Map(api);
    }
}
