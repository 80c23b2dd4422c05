using System.Diagnostics;
using System.Globalization;
using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Control;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Planning;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// Encodes one queued file: re-checks it (pause, window, fingerprint outcome, attempts), encodes to the library's
/// work folder, verifies, and replaces through the journal. Any failure leaves the original untouched and the
/// output in quarantine with the reason; a larger output keeps the original, recorded so it is never retried.
/// </summary>
internal sealed class FileEncoder(
    CatalogStore catalog, LibraryStore libraries, OutcomeStore outcomes, QueueControl control, MediaProbe probe, FfmpegRunner runner,
    EncoderChooser chooser, GpuCoolDown gpu, QualitySearch quality, OutputVerifier verifier, JournaledReplace replace, EncodeFaults faults, EncodeOptions options,
    TimeProvider time, EncodeMetrics metrics, ILogger<FileEncoder> logger)
{
    public async Task<EncodeResult> ProcessAsync(Guid fileId, IProgress<double>? progress, CancellationToken ct, Guid? jobId = null)
    {
        if (await catalog.GetAsync(fileId, ct) is not { } file || await libraries.GetAsync(file.LibraryId, ct) is not { } library)
            return new EncodeResult(FileStatus.Skipped, ["no longer in the catalog"]);
        if (file.Status is not (FileStatus.Queued or FileStatus.Encoding or FileStatus.Verifying))
            return new EncodeResult(file.Status, file.Reasons);
        if (await control.IsPausedAsync(ct) || library.Paused || !library.InWindow(TimeOnly.FromDateTime(time.GetLocalNow().DateTime)))
            return new EncodeResult(FileStatus.Queued, ["paused or outside the schedule window; resume starts it"]);

        var fingerprint = await Fingerprint.OfAsync(file.Path, ct);
        if (await outcomes.FindAsync(fingerprint, library.ProfileVersion, ct) is { } known)
        {
            var status = known.Outcome == "done" ? FileStatus.Done : known.Outcome == "kept-original" ? FileStatus.KeptOriginal : FileStatus.Failed;
            // Not Set: nothing new finished, so no outcome is counted in the metrics.
            IReadOnlyList<string> reasons = [$"known by fingerprint: {known.Outcome}: {known.Detail}"];
            await catalog.SetStatusAsync(file.Id, status, reasons, fingerprint, ct);
            return new EncodeResult(status, reasons);
        }

        var attempts = await catalog.CountAttemptAsync(file.Id, ct);
        if (attempts > options.MaxAttempts)
        {
            await outcomes.RecordAsync(fingerprint, library.ProfileVersion, "poisoned", $"{attempts - 1} attempts failed", ct);
            return await Set(file, FileStatus.Failed, [$"poisoned after {attempts - 1} failed attempts"], fingerprint, ct);
        }

        var work = MediaAlias.WorkFolder(library);
        Directory.CreateDirectory(work);
        var input = MediaAlias.For(file.Path, work);
        var source = await probe.ProbeAsync(input, ct);
        var output = Path.Combine(work, $"{file.Id:N}{Path.GetExtension(file.Path).Replace("\"", "", StringComparison.Ordinal)}");
        var notes = new List<string>();
        var profile = library.Profile;
        if (profile.TargetSsim is { } targetSsim)
        {
            var choice = await quality.ChooseAsync(file, fingerprint, library, work, ct);
            profile = profile with { Quality = choice.Quality };
            notes.Add(choice.Met
                ? string.Create(CultureInfo.InvariantCulture, $"target SSIM {targetSsim}: quality {choice.Quality} (sample SSIM {choice.Ssim:0.0000})")
                : string.Create(CultureInfo.InvariantCulture, $"target SSIM {targetSsim} not met: best effort quality {choice.Quality} (sample SSIM {choice.Ssim:0.0000})"));
        }

        await catalog.SetStatusAsync(file.Id, FileStatus.Encoding, notes, ct: ct);

        var clock = Stopwatch.StartNew();
        string encoderName;
        try
        {
            faults.BeforeEncode(output);
            await using var live = new LiveProgress(file.Id, source.DurationSeconds, source.PrimaryVideo?.FramesPerSecond, progress, catalog, metrics, logger);
            encoderName = await EncodeAsync(input, output, profile, source, notes, live, jobId, ct);
        }
        catch (FfmpegException e)
        {
            if (File.Exists(output)) File.Delete(output);
            var last = e.StderrTail.Trim().Split('\n')[^1];
            if (attempts >= options.MaxAttempts)
            {
                // Poisoned: recorded against the fingerprint and profile version, so no scan or resume queues it again.
                var poisoned = $"poisoned after {attempts} failed attempts; the last: {last}";
                await outcomes.RecordAsync(fingerprint, library.ProfileVersion, "poisoned", poisoned, ct);
                return await Set(file, FileStatus.Failed, [.. notes, poisoned], fingerprint, ct);
            }

            // Another attempt may work (a busy GPU, a full disk freed): the job fails and the kernel retries it with its backoff.
            var why = $"encode failed (attempt {attempts} of {options.MaxAttempts}), retried after a pause: {last}";
            await Set(file, FileStatus.Queued, [.. notes, why], fingerprint, ct);
            throw new EncodeRetryException(why, e);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        faults.AfterEncode(output);
        await catalog.SetStatusAsync(file.Id, FileStatus.Verifying, notes, ct: ct);
        var verification = await verifier.VerifyAsync(input, source, output, library.Profile, ct);
        await catalog.SetResultAsync(file.Id, verification.OutputBytes, seconds, encoderName, verification.Ssim, ct);
        if (verification.Larger)
        {
            File.Delete(output);
            var why = $"output {verification.OutputBytes} bytes is not smaller than the original's {file.SizeBytes}: original kept";
            await outcomes.RecordAsync(fingerprint, library.ProfileVersion, "kept-original", why, ct);
            return await Set(file, FileStatus.KeptOriginal, [.. notes, why], fingerprint, ct);
        }

        if (verification.Failure is { } failure)
            return await FailAsync(file, library, fingerprint, output, [.. notes, $"verification failed: {failure}"], ct);

        var (target, archive) = Destinations(file, library, encoderName);
        var entry = await replace.StartAsync(file.Id, file.Path, output, target, archive, ct);
        try
        {
            entry = await replace.AdvanceAsync(entry, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await replace.RollBackAsync(entry, CancellationToken.None);
            return await FailAsync(file, library, fingerprint, output, [.. notes, $"replace failed and was rolled back: {e.Message}"], ct);
        }

        return await FinishAsync(file, library, entry, fingerprint, notes, ct);
    }

    /// <summary>Records a completed replace (also the end of a journal entry recovered at start).</summary>
    public async Task<EncodeResult> FinishAsync(CatalogFile file, Library library, JournalEntry entry, string fingerprint, IReadOnlyList<string> notes, CancellationToken ct)
    {
        await outcomes.KnowAsync(await Fingerprint.OfAsync(entry.TargetPath, ct), "output", ct);
        if (entry.ArchivePath is { } archive) await outcomes.KnowAsync(await Fingerprint.OfAsync(archive, ct), "archive", ct);
        await outcomes.RecordAsync(fingerprint, library.ProfileVersion, "done", $"encoded to {Path.GetFileName(entry.TargetPath)}", ct);
        logger.LogInformation("Encoded {Path} → {Target}", file.Path, entry.TargetPath);
        return await Set(file, FileStatus.Done, [.. notes, $"done: {entry.TargetPath}" + (entry.ArchivePath is { } a ? $", original archived at {a}" : "")], fingerprint, ct);
    }

    private async Task<string> EncodeAsync(string input, string output, EncodeProfile profile, MediaInfo source, List<string> notes,
        IProgress<double> progress, Guid? jobId, CancellationToken ct)
    {
        var preset = profile.ToPreset();
        var rules = profile.ToStreamRules();
        await using var choice = await chooser.ChooseAsync(profile, jobId, ct);
        if (choice.Note is { } note) notes.Add(note);
        var runOptions = new FfmpegRunOptions(source.DurationSeconds, progress);
        if (choice.Kind == EncoderKind.Nvenc)
        {
            try
            {
                await runner.RunAsync(EncodeArguments.Build(input, output, preset, EncoderKind.Nvenc, rules), runOptions, ct);
                return EncoderSelection.EncoderFor(preset.Codec, EncoderKind.Nvenc);
            }
            catch (FfmpegException e)
            {
                // Session exhaustion or a driver error: the same manifest once on the CPU, and the GPU cools down.
                gpu.Failed(e.StderrTail.Trim().Split('\n')[^1]);
                metrics.GpuFallback("nvenc-failed");
                notes.Add($"NVENC failed ({e.StderrTail.Trim().Split('\n')[^1]}); retried on cpu, GPU cooling down");
            }
        }

        await runner.RunAsync(EncodeArguments.Build(input, output, preset, EncoderKind.Cpu, rules), runOptions, ct);
        return EncoderSelection.EncoderFor(preset.Codec, EncoderKind.Cpu);
    }

    private static (string Target, string? Archive) Destinations(CatalogFile file, Library library, string encoder)
    {
        var folder = library.Folders.Where(f => FolderPolicy.IsUnder(file.Path, f)).OrderByDescending(f => f.Length).FirstOrDefault() ?? library.Folders[0];
        var relative = Path.GetRelativePath(folder, file.Path);
        return library.Action switch
        {
            Library.KeepBoth => (Path.Combine(Path.GetDirectoryName(file.Path)!,
                $"{Path.GetFileNameWithoutExtension(file.Path)}.{library.Profile.Codec}{Path.GetExtension(file.Path)}"), null),
            Library.WriteElsewhere => (Path.Combine(library.OutputFolder!, relative), null),
            _ => (file.Path, library.ArchiveFolder is { } archive ? Path.Combine(archive, relative) : null),
        };
    }

    private async Task<EncodeResult> FailAsync(CatalogFile file, Library library, string fingerprint, string output, IReadOnlyList<string> reasons, CancellationToken ct)
    {
        var kept = Quarantine.Keep(output, library.QuarantineFolder, file.Path, reasons[^1], time.GetUtcNow());
        await outcomes.RecordAsync(fingerprint, library.ProfileVersion, "failed", reasons[^1], ct);
        return await Set(file, FileStatus.Failed, [.. reasons, $"output kept in quarantine: {kept}"], fingerprint, ct);
    }

    private async Task<EncodeResult> Set(CatalogFile file, string status, IReadOnlyList<string> reasons, string fingerprint, CancellationToken ct)
    {
        await catalog.SetStatusAsync(file.Id, status, reasons, fingerprint, ct);
        if (status is FileStatus.Done or FileStatus.Failed or FileStatus.KeptOriginal)
            metrics.Finished(status, status == FileStatus.Done && (await catalog.GetAsync(file.Id, ct)) is { ActualBytes: { } output } row
                ? (row.SourceBytes ?? file.SizeBytes) - output : 0);
        return new EncodeResult(status, reasons);
    }
}

internal sealed record EncodeResult(string Status, IReadOnlyList<string> Reasons);

/// <summary>
/// An encode attempt failed and another may work: the job fails with a retryable status (5xx: not a user's mistake), so
/// the kernel's automatic retry runs it again after its backoff (<c>Jobs:RetryDelaysSeconds</c>). Never an HTTP answer.
/// </summary>
internal sealed class EncodeRetryException(string message, Exception inner)
    : Kernel.Errors.GilgameshException(EncodeErrorCodes.EncodeAttemptFailed, message, 503, inner);
