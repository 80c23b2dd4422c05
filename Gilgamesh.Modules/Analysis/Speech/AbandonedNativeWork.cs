namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// whisper.cpp computations a cancelled transcription stopped waiting for (they end at whisper.cpp's next abort
/// check). The model they run on must outlive them: its owner waits for these before freeing it.
/// </summary>
internal sealed class AbandonedNativeWork
{
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];

    public void Add(Task work)
    {
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(work);
        }
    }

    /// <summary>Blocks until every abandoned computation has returned (each ends within one whisper.cpp computation).</summary>
    public void WaitAll()
    {
        Task[] running;
        lock (_gate) running = [.. _running];
        try
        {
            Task.WaitAll(running);
        }
        catch (AggregateException)
        {
            // A computation that failed after its caller left has nobody to tell; only its end matters here.
        }
    }
}
