using System.Diagnostics;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>
/// Watches processes by PID from a dedicated thread (not the thread pool, which a loaded machine starves) and
/// records when each one exited, on a clock started by the caller. A process has exited when its
/// <c>/proc/&lt;pid&gt;</c> entry is gone or it is a zombie (state Z: dead, not yet reaped by its parent).
/// </summary>
internal sealed class ProcessExitWatch : IDisposable
{
    private readonly Dictionary<int, TimeSpan?> _exits;
    private readonly Stopwatch _clock;
    private readonly Thread _thread;
    private volatile bool _stop;

    public ProcessExitWatch(IEnumerable<int> pids, Stopwatch clock)
    {
        _exits = pids.ToDictionary(p => p, _ => (TimeSpan?)null);
        _clock = clock;
        _thread = new Thread(Poll) { IsBackground = true, Name = "process-exit-watch", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    /// <summary>Each watched PID and when it was first seen gone (null: still running).</summary>
    public IReadOnlyDictionary<int, TimeSpan?> Exits
    {
        get { lock (_exits) return new Dictionary<int, TimeSpan?>(_exits); }
    }

    /// <summary>Waits until every watched process has exited or <paramref name="timeout"/> passed.</summary>
    public bool WaitAll(TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            if (Exits.Values.All(e => e is not null)) return true;
            Thread.Sleep(10);
        }
        return Exits.Values.All(e => e is not null);
    }

    public static bool HasExited(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ...": the state follows the last ')' (comm may contain spaces or parentheses).
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is 'Z' or 'X';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return true;
        }
    }

    private void Poll()
    {
        while (!_stop)
        {
            lock (_exits)
            {
                foreach (var pid in _exits.Where(e => e.Value is null).Select(e => e.Key).ToList())
                    if (HasExited(pid)) _exits[pid] = _clock.Elapsed;
                if (_exits.Values.All(e => e is not null)) return;
            }
            Thread.Sleep(5);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
