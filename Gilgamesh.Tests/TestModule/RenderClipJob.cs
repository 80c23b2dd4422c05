using Dapper;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Storage;
using Npgsql;

namespace Gilgamesh.Tests.TestModule;

/// <summary>Renders or transcodes a short clip with ffmpeg and stores it; re-runnable (upsert, temp then publish).</summary>
internal sealed class RenderClipJob(
    FfmpegRunner ffmpeg, MediaProbe probe, IObjectStore store, NpgsqlDataSource dataSource, GilgameshOptions options) : IJobHandler<RenderRequest, RenderResult>
{
    public static readonly JobKind<RenderRequest, RenderResult> Kind = new(ProbeModule.ModuleName, "render", JobQueues.Media);

    private const string UpsertRender = """
        insert into probe.renders (job_id, output_key, sha256, size_bytes, duration_seconds)
        values (@JobId, @OutputKey, @Sha256, @SizeBytes, @DurationSeconds)
        on conflict (job_id) do update set output_key = excluded.output_key, sha256 = excluded.sha256,
            size_bytes = excluded.size_bytes, duration_seconds = excluded.duration_seconds
        """;

    public async Task<RenderResult> ExecuteAsync(RenderRequest request, JobContext context, CancellationToken cancellationToken)
    {
        if (context.Job.Attempts <= request.TransientFailures)
            throw new IOException($"simulated transient failure on attempt {context.Job.Attempts}");
        using var scratch = ScratchDirectory.Create(options, "probe-render");
        var output = scratch.File("render.mp4");

        string arguments;
        if (request.SourceKey is { } sourceKey)
        {
            context.Progress.Report(0, "fetching source");
            var source = scratch.File("source.bin");
            await using (var read = await store.OpenReadAsync(sourceKey, null, cancellationToken))
            await using (var write = File.Create(source))
                await read.CopyToAsync(write, cancellationToken);
            arguments = TranscodeArguments.Build(source, output, new TranscodeSettings { VideoCodec = "libx264", Preset = "ultrafast" });
        }
        else
        {
            arguments = GeneratedClipArguments.Build(output, new GeneratedClipSpec(MediaTime.FromSeconds(request.DurationSeconds)));
            if (request.Realtime) arguments = "-re " + arguments;
        }

        context.Progress.Report(0, "rendering");
        await ffmpeg.RunAsync(arguments, new FfmpegRunOptions(request.DurationSeconds, context.Progress.Part(0, 0.9)), cancellationToken);

        var info = await probe.ProbeAsync(output, cancellationToken);
        context.Progress.Report(0.95, "storing");
        var key = $"probe/renders/{context.JobId:N}.mp4";
        var stored = await store.PutFileAsync(key, output, "video/mp4", cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpsertRender, new
        {
            context.JobId, OutputKey = key, Sha256 = stored.Sha256Hex, SizeBytes = stored.Size, info.DurationSeconds,
        }, cancellationToken: cancellationToken));
        return new RenderResult(key, stored.Sha256Hex, stored.Size);
    }
}

internal sealed record RenderResult(string Key, string Sha256Hex, long Size);
