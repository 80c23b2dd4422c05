namespace Gilgamesh.Tests.TestModule;

/// <summary>The probe module's recurring job: proves modules can register recurring work.</summary>
internal sealed class ProbeHousekeeping
{
    public Task RunAsync() => Task.CompletedTask;
}
