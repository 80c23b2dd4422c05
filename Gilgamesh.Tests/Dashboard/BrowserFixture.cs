using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// One app per test class and a fresh headless Chromium per test (screenshot and console kept when it fails).
/// Classes override <see cref="StartAppAsync"/> for their settings and <see cref="StopAsync"/> for what they add.
/// </summary>
[NonParallelizable]
public abstract class BrowserFixture
{
    private BrowserSession? _browser;

    protected AppInstance App { get; private set; } = null!;

    protected BrowserSession Browser => _browser!;

    protected virtual Task<AppInstance> StartAppAsync() => AppInstance.StartAsync();

    /// <summary>Runs after the app is up, before the first test.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>Runs before the app stops, after the last test.</summary>
    protected virtual ValueTask OnStoppingAsync() => ValueTask.CompletedTask;

    [OneTimeSetUp]
    public async Task StartFixtureAsync()
    {
        App = await StartAppAsync();
        await OnStartedAsync();
    }

    [OneTimeTearDown]
    public async Task StopFixtureAsync()
    {
        await OnStoppingAsync();
        await App.DisposeAsync();
    }

    [SetUp]
    public void StartBrowser() => _browser = BrowserSession.Start(App.BaseAddress);

    [TearDown]
    public void StopBrowser()
    {
        if (_browser is null) return;
        _browser.CaptureIfFailed();
        _browser.Dispose();
        _browser = null;
    }
}
