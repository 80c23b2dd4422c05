using Gilgamesh.Tests.Support;

/// <summary>
/// Stops the suite's shared services after the last test. Outside any namespace, NUnit applies a
/// set-up fixture to the whole assembly.
/// </summary>
[SetUpFixture]
public sealed class GlobalTestTeardown
{
    [OneTimeTearDown]
    public Task StopSharedServicesAsync() => TestDatabase.StopAsync();
}
