using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Uploads;

/// <summary>Issue 14 item 7: ingest's options are bound from configuration and checked when the app starts.</summary>
[NonParallelizable]
public sealed class UploadOptionsTests
{
    [TestCase("Ingest:Uploads:MinChunkBytes", "0", "MinChunkBytes")]
    [TestCase("Ingest:Uploads:RecoveryIntervalSeconds", "0", "RecoveryIntervalSeconds")]
    [TestCase("Ingest:Library:SignedUrlTtlSeconds", "1", "SignedUrlTtlSeconds")]
    [TestCase("Ingest:Links:MaxConcurrentFetches", "0", "MaxConcurrentFetches")]
    public async Task Start_WithAnInvalidIngestSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        Exception? failure = null;
        try
        {
            await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { [key] = value });
        }
        catch (Exception e)
        {
            failure = e;
        }
        Assert.That(failure, Is.Not.Null, "the app must not start");
        Assert.That(failure!.ToString(), Does.Contain(named));
    }
}
