using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>The same contract against a real S3 server (s3rver) through the real Minio client.</summary>
[TestFixture]
public sealed class S3ObjectStoreContractTests : ObjectStoreContract
{
    private S3rverServer? _s3;
    private S3ObjectStore? _store;

    private protected override async Task<IObjectStore> CreateStoreAsync()
    {
        _s3 = await S3rverServer.StartAsync();
        // Built by hand (not AddGilgameshStorage) only to slip in the s3rver listing fix; the
        // configuration path is covered by S3PresignedUrlTests. The bucket does not exist yet: the
        // store must create it.
        var options = new S3StorageOptions
        {
            Endpoint = _s3.Endpoint, AccessKey = S3rverServer.AccessKey, SecretKey = S3rverServer.SecretKey, Region = "us-east-1",
        };
        _store = new S3ObjectStore(S3ObjectStore.CreateClient(options, S3rverListNamespaceFix.CreateClient()), "contract-bucket");
        return _store;
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        _store?.Dispose();
        _s3?.Dispose();
    }
}
