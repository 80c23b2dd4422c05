namespace Gilgamesh.Tests.Support;

/// <summary>A fixture whose tests share one real in-process app on its own fresh database.</summary>
[NonParallelizable]
public abstract class AppFixture
{
    protected AppInstance App { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync() => App = await AppInstance.StartAsync();

    [OneTimeTearDown]
    public async Task StopAppAsync() => await App.DisposeAsync();
}
