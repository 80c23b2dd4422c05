namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>
/// A synchronous <see cref="IProgress{T}"/>: reports arrive in order on the caller's thread
/// (<see cref="Progress{T}"/> posts to the thread pool and may reorder them).
/// </summary>
public sealed class InlineProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
