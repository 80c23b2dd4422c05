using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Tests.Kernel.Storage;

[TestFixture]
public sealed class StorageHealthCheckTests
{
    [Test]
    public async Task Check_WhenStoreWorks_IsHealthyAndLeavesNoProbeBehind()
    {
        var dataDir = Directory.CreateTempSubdirectory("gilgamesh-health-").FullName;
        try
        {
            await using var services = StorageTestHost.BuildServices(StorageTestHost.LocalConfig(dataDir));
            var store = services.Store();

            var result = await new StorageHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

            var left = new List<ObjectInfo>();
            await foreach (var info in store.ListAsync(""))
                left.Add(info);
            Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy), result.Exception?.ToString());
            Assert.That(left, Is.Empty);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
