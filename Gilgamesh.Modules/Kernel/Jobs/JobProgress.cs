using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// How job code reports stage, progress (0–1; stored and shown as percent) and log lines. Calls are cheap and never block: the latest
/// state is written by one background loop at most every <see cref="MinInterval"/> (a stage change or
/// the first report after a quiet spell is written at once), so a tight ffmpeg progress loop costs the
/// database a handful of updates per second. Each write is announced to every instance by the table's
/// NOTIFY trigger.
/// </summary>
public sealed class JobProgress : IJobProgress, IAsyncDisposable
{
    internal static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    private const string UpdateSql = """
        update platform.jobs set stage = @Stage, percent = @Percent, eta_seconds = @EtaSeconds, updated_at = now()
        where id = @JobId and status = 'running'
        """;

    private const string InsertLogsSql = """
        insert into platform.job_logs (job_id, level, message)
        select @JobId, l, m from unnest(@Levels, @Messages) as t(l, m)
        """;

    private const string RollUpSql = """
        update platform.jobs p set percent = r.percent, updated_at = now()
        from (
            select sum(weight * case when status in ('succeeded', 'failed', 'cancelled') then 100 else percent end)
                   / nullif(sum(weight), 0) as percent
            from platform.jobs where parent_id = @Parent
        ) r
        where p.id = @Parent and p.status = 'running' and r.percent is not null and abs(p.percent - r.percent) >= 0.05
        """;

    private readonly Guid _jobId;
    private readonly Guid? _parentId;
    private long _stageStartedAt;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Level, string Message)> _pendingLogs = [];
    private readonly Task _writer;

    private string? _stage;
    private double _percent;
    private int? _eta;
    private bool _dirty;
    private bool _stageChanged;
    private long _lastWrite;
    private int _disposed;

    internal JobProgress(Guid jobId, Guid? parentId, string? stage, double percent, NpgsqlDataSource dataSource, ILogger logger, TimeProvider time)
    {
        _jobId = jobId;
        _parentId = parentId;
        _stage = stage;
        _percent = percent;
        _dataSource = dataSource;
        _logger = logger;
        _time = time;
        _startedAt = time.GetTimestamp();
        _stageStartedAt = _startedAt;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The job's progress, 0–1.</summary>
    public double Fraction { get { lock (_gate) return _percent / 100; } }

    internal string? CurrentStage { get { lock (_gate) return _stage; } }

    public void Report(double value) => Report(value, null);

    /// <summary>Reports the job's progress 0–1; the ETA is estimated from the rate so far.</summary>
    public void Report(double fraction, string? stage)
    {
        if (double.IsNaN(fraction) || Volatile.Read(ref _disposed) == 1) return;
        var percent = Math.Clamp(fraction, 0, 1) * 100;
        string? finished = null;
        double seconds = 0;
        lock (_gate)
        {
            if (stage is not null && stage != _stage)
            {
                // Each stage's duration goes to the job's log, so a finished job tells where its time went.
                if (_stage is not null)
                {
                    finished = _stage;
                    seconds = _time.GetElapsedTime(_stageStartedAt).TotalSeconds;
                }
                _stageStartedAt = _time.GetTimestamp();
                _stage = stage;
                _stageChanged = true;
                _pendingLogs.Add(("info", finished is null ? $"stage {stage}" : $"stage {stage} (after {finished}: {seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s)"));
            }
            _percent = percent;
            _eta = EstimateEta(percent);
            _dirty = true;
        }
        Signal();
    }

    /// <summary>Starts a named stage; progress stays where it is.</summary>
    public void Stage(string stage) => Report(Fraction, stage);

    public IJobProgress Part(double from, double to) => new JobProgressPart(this, Math.Clamp(from, 0, 1), Math.Clamp(to, 0, 1));

    public void Log(string message, string level = "info")
    {
        if (Volatile.Read(ref _disposed) == 1) return;
        lock (_gate) _pendingLogs.Add((level, message.Length > 4000 ? message[..4000] : message));
        Signal();
    }

    /// <summary>
    /// Writes whatever is pending and stops the writer; called by the executor when the run ends. Reports that
    /// arrive afterwards (a late callback) are ignored rather than thrown: the run's final state is already written.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        try { await _writer; } catch (OperationCanceledException) { }
        await WriteAsync(CancellationToken.None);
        // The semaphore is not disposed: a report racing the end of the run (a progress callback posted to the
        // thread pool) may still release it, and an undisposed SemaphoreSlim without a wait handle holds nothing.
        _stop.Dispose();
    }

    private int? EstimateEta(double percent)
    {
        if (percent <= 0.5 || percent >= 100) return percent >= 100 ? 0 : null;
        var elapsed = _time.GetElapsedTime(_startedAt).TotalSeconds;
        return (int)Math.Ceiling(elapsed * (100 - percent) / percent);
    }

    private void Signal()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { }
    }

    private async Task WriteLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            await _signal.WaitAsync(ct);
            bool urgent;
            lock (_gate) urgent = _stageChanged;
            var sinceLast = _time.GetElapsedTime(Interlocked.Read(ref _lastWrite));
            if (!urgent && sinceLast < MinInterval) await Task.Delay(MinInterval - sinceLast, _time, ct);
            try
            {
                // Not cancelled by the stop token: a write that already took the pending state must finish, or
                // the last report before DisposeAsync would be lost (DisposeAsync waits for this loop).
                await WriteAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Progress is advisory: a failed write must never fail the job itself.
                _logger.LogWarning(e, "Could not write progress of job {JobId}", _jobId);
            }
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        string? stage; double percent; int? eta; bool dirty; (string Level, string Message)[] logs;
        lock (_gate)
        {
            (stage, percent, eta, dirty) = (_stage, _percent, _eta, _dirty);
            logs = [.. _pendingLogs];
            _pendingLogs.Clear();
            _dirty = false;
            _stageChanged = false;
        }
        if (!dirty && logs.Length == 0) return;
        Interlocked.Exchange(ref _lastWrite, _time.GetTimestamp());
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        if (logs.Length > 0)
            await connection.ExecuteAsync(new CommandDefinition(InsertLogsSql, new
            {
                JobId = _jobId,
                Levels = logs.Select(l => l.Level).ToArray(),
                Messages = logs.Select(l => l.Message).ToArray(),
            }, cancellationToken: ct));
        if (dirty)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpdateSql,
                new { JobId = _jobId, Stage = stage, Percent = percent, EtaSeconds = eta }, cancellationToken: ct));
            // A step's progress moves its pipeline's bar (weighted); a separate statement, so no lock is held across both rows.
            if (_parentId is { } parent)
                await connection.ExecuteAsync(new CommandDefinition(RollUpSql, new { Parent = parent }, cancellationToken: ct));
        }
    }
}
