namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// NVENC encoder-session leases per device, and a cool-down (circuit breaker) for a device whose encode failed
/// mid-job. In-process for now: the seam the kernel's PostgreSQL budget leases (feat/jobs, budget
/// <c>gpu-sessions</c>) replace once they land, so leases then hold across instances.
/// </summary>
internal sealed class GpuSessions(EncodeOptions options, TimeProvider time)
{
    public static readonly TimeSpan CoolDown = TimeSpan.FromMinutes(10);

    private readonly object _gate = new();
    private int _inUse;
    private DateTimeOffset? _coolingUntil;
    private string? _lastFailure;

    /// <summary>A lease, or null when every session is taken (or the budget is zero) or the device is cooling down.</summary>
    public IDisposable? TryLease(out string? refusal)
    {
        lock (_gate)
        {
            if (_coolingUntil is { } until && time.GetUtcNow() < until)
            {
                refusal = $"GPU cooling down until {until:HH:mm:ss} after: {_lastFailure}";
                return null;
            }

            if (_inUse >= options.GpuSessions)
            {
                refusal = $"no NVENC session free ({_inUse} of {options.GpuSessions} leased)";
                return null;
            }

            _inUse++;
            refusal = null;
            return new Lease(this);
        }
    }

    public void Failed(string why)
    {
        lock (_gate)
        {
            _coolingUntil = time.GetUtcNow() + CoolDown;
            _lastFailure = why;
        }
    }

    public GpuState State()
    {
        lock (_gate)
            return new GpuState(_inUse, options.GpuSessions, _coolingUntil is { } u && time.GetUtcNow() < u ? u : null, _lastFailure);
    }

    private sealed class Lease(GpuSessions owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                lock (owner._gate) owner._inUse--;
        }
    }
}

internal sealed record GpuState(int Leased, int Budget, DateTimeOffset? CoolingUntil, string? LastFailure);
