using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Control;

/// <summary>
/// The module's instruments (meter <c>Gilgamesh.Encode</c>; prometheus-net's meter adapter publishes them on
/// <c>/metrics</c> with the meter's name as prefix): <c>gilgamesh_encode_files{status}</c> (the catalog by status, so <c>status="queued"</c> is the queue
/// depth; read at scrape time), <c>gilgamesh_encode_outcomes{outcome}</c>, <c>gilgamesh_encode_saved_bytes</c>,
/// <c>gilgamesh_encode_fps</c> (frames per second of the encodes running here) and
/// <c>gilgamesh_encode_gpu_fallbacks{reason}</c>. GPU session leases are the kernel's
/// <c>gilgamesh_budget_in_use{budget="gpu0"}</c>.
/// </summary>
internal sealed class EncodeMetrics : IDisposable
{
    public const string MeterName = "Gilgamesh.Encode";

    private const string CountsSql = "select status, count(*) as count from encode.files group by status";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, long> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _gpuFallbacks = new();
    private readonly ConcurrentDictionary<Guid, double> _fps = new();
    private long _savedBytes;

    // Observable instruments throughout: the exporter reads them at scrape time (its adapter did not publish this
    // meter's push counters), and totals kept here are as cheap as a counter.
    public EncodeMetrics(NpgsqlDataSource db)
    {
        _meter.CreateObservableCounter("outcomes", () => Tagged(_outcomes, "outcome"), description: "Files finished by this instance, by outcome.");
        _meter.CreateObservableCounter("saved_bytes", () => Interlocked.Read(ref _savedBytes), description: "Bytes saved by replaced or re-written files.");
        _meter.CreateObservableCounter("gpu_fallbacks", () => Tagged(_gpuFallbacks, "reason"), description: "Encodes that wanted NVENC and ran on the CPU, by reason.");
        _meter.CreateObservableGauge("fps", () => _fps.Values.Sum(), description: "Frames per second of the encodes running in this instance.");
        _meter.CreateObservableGauge("files", () => Counts(db), description: "Catalogued files by status (queued = the queue depth).");
    }

    public void Finished(string outcome, long savedBytes)
    {
        _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        if (savedBytes > 0) Interlocked.Add(ref _savedBytes, savedBytes);
    }

    public void GpuFallback(string reason) => _gpuFallbacks.AddOrUpdate(reason, 1, (_, n) => n + 1);

    public void Speed(Guid fileId, double? fps)
    {
        if (fps is { } value) _fps[fileId] = value;
        else _fps.TryRemove(fileId, out _);
    }

    private static List<Measurement<long>> Tagged(ConcurrentDictionary<string, long> totals, string tag) =>
        totals.Select(t => new Measurement<long>(t.Value, new KeyValuePair<string, object?>(tag, t.Key))).ToList();

    // Observable callbacks are synchronous; a scrape is rare and the query is one index scan.
    private static List<Measurement<long>> Counts(NpgsqlDataSource db)
    {
        try
        {
            using var connection = db.OpenConnection();
            return connection.Query<(string Status, long Count)>(CountsSql)
                .Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("status", c.Status))).ToList();
        }
        catch (NpgsqlException)
        {
            return []; // a scrape must not fail because the database blinked
        }
    }

    public void Dispose() => _meter.Dispose();
}
