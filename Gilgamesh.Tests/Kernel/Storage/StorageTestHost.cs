using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>Builds the storage services exactly as the app does, from configuration.</summary>
internal static class StorageTestHost
{
    public static Dictionary<string, string?> LocalConfig(string dataDir) => new()
    {
        ["Gilgamesh:DataDir"] = dataDir,
        ["Storage:Provider"] = "local",
    };

    public static Dictionary<string, string?> S3Config(S3rverServer s3, string dataDir, string bucket) => new()
    {
        ["Gilgamesh:DataDir"] = dataDir,
        ["Storage:Provider"] = "s3",
        ["Storage:S3:Endpoint"] = s3.Endpoint,
        ["Storage:S3:AccessKey"] = S3rverServer.AccessKey,
        ["Storage:S3:SecretKey"] = S3rverServer.SecretKey,
        ["Storage:S3:Bucket"] = bucket,
        ["Storage:S3:Region"] = "us-east-1",
        ["Storage:S3:UseSsl"] = "false",
    };

    public static ServiceProvider BuildServices(Dictionary<string, string?> config)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        return new ServiceCollection().AddGilgameshStorage(configuration).BuildServiceProvider();
    }

    public static IObjectStore Store(this ServiceProvider services) => services.GetRequiredService<IObjectStore>();
}
