using Gilgamesh.Modules.Kernel.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Kernel.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/> (section <c>Storage</c>), the signer for local signed URLs
    /// and the <c>IObjectStore</c> chosen by <c>Storage:Provider</c>, all singletons.
    /// </summary>
    public static IServiceCollection AddGilgameshStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        // The host normally binds GilgameshOptions; bind it here only if nobody has, because binding
        // twice would append ModuleAssemblies twice.
        if (!services.Any(d => d.ServiceType == typeof(IConfigureOptions<GilgameshOptions>)))
            services.AddOptions<GilgameshOptions>().Bind(configuration.GetSection(GilgameshOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var dataDir = sp.GetRequiredService<IOptions<GilgameshOptions>>().Value.DataDirFullPath;
            return new SignedUrlSigner(SigningSecret.Load(storage.SigningKey, dataDir), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IObjectStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.Provider.Trim().ToLowerInvariant() switch
            {
                "local" => new LocalObjectStore(
                    Path.Combine(sp.GetRequiredService<IOptions<GilgameshOptions>>().Value.DataDirFullPath, "objects"),
                    sp.GetRequiredService<SignedUrlSigner>()),
                "s3" => new S3ObjectStore(S3ObjectStore.CreateClient(storage.S3), storage.S3.Bucket),
                var other => throw new InvalidOperationException($"Storage:Provider '{other}' is not supported; use 'local' or 's3'."),
            };
        });
        return services;
    }
}
