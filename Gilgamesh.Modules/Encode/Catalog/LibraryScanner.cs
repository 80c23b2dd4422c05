using System.IO.Enumeration;
using Gilgamesh.Modules.Encode.Libraries;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// One pass over a library: records new and changed files (restarting their stability clock), forgets vanished
/// ones, and classifies every file that has been stable for <see cref="EncodeOptions.StableSeconds"/>: skipped
/// (empty, or the module's own output/archive), known by fingerprint (an outcome under this profile version),
/// corrupt, compliant, or planned with reasons. Symlinks are never followed or taken.
/// </summary>
internal sealed class LibraryScanner(CatalogStore catalog, OutcomeStore outcomes, IntegrityCheck integrity, EncodeOptions options,
    TimeProvider time, ILogger<LibraryScanner> logger)
{
    private static readonly EnumerationOptions Walk = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        MatchType = MatchType.Simple,
    };

    public async Task<ScanSummary> ScanAsync(Library library, CancellationToken ct)
    {
        var known = (await catalog.ListAsync(library.Id, ct)).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<(string, long, DateTime)>();
        foreach (var folder in library.Folders)
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", Walk))
        {
            if (!Taken(library, file.FullName)) continue;
            present.Add(file.FullName);
            var mtime = TruncateToMicroseconds(file.LastWriteTimeUtc);
            if (!known.TryGetValue(file.FullName, out var row) || row.SizeBytes != file.Length || row.Mtime != mtime)
                changed.Add((file.FullName, file.Length, mtime));
        }

        var vanished = known.Keys.Where(p => !present.Contains(p)).ToList();
        await catalog.ApplyScanAsync(library.Id, changed, vanished, ct);

        var now = time.GetUtcNow().UtcDateTime;
        var classified = 0;
        foreach (var file in await catalog.ListAsync(library.Id, ct))
        {
            if (file.Status != FileStatus.New) continue;
            if ((now - file.StableSince).TotalSeconds < options.StableSeconds) continue;
            await ClassifyAsync(library, file, ct);
            classified++;
        }

        logger.LogInformation("Scanned library {Library}: {Files} files, {Changed} new or changed, {Vanished} gone, {Classified} classified",
            library.Name, present.Count, changed.Count, vanished.Count, classified);
        return new ScanSummary(present.Count, changed.Count, vanished.Count, classified);
    }

    /// <summary>Decides what a stable file is. Also the re-check a job makes before it encodes.</summary>
    public async Task ClassifyAsync(Library library, CatalogFile file, CancellationToken ct)
    {
        if (file.SizeBytes == 0)
        {
            await catalog.SetStatusAsync(file.Id, FileStatus.Skipped, ["empty file (0 bytes)"], ct: ct);
            return;
        }

        var fingerprint = await Fingerprint.OfAsync(file.Path, ct);
        if (await outcomes.KnownAsAsync(fingerprint, ct) is { } kind)
        {
            // An output is a done file wherever it went; an archived original is the module's own copy, never queued.
            await catalog.SetStatusAsync(file.Id, kind == "output" ? FileStatus.Done : FileStatus.Skipped,
                [$"an {kind} this module wrote (known by fingerprint)"], fingerprint, ct);
            return;
        }

        if (await outcomes.FindAsync(fingerprint, library.ProfileVersion, ct) is { } outcome)
        {
            var status = outcome.Outcome switch { "done" => FileStatus.Done, "kept-original" => FileStatus.KeptOriginal, _ => FileStatus.Failed };
            await catalog.SetStatusAsync(file.Id, status, [$"known by fingerprint: {outcome.Outcome} under profile {library.ProfileVersion}: {outcome.Detail}"], fingerprint, ct);
            return;
        }

        var (info, problem) = await integrity.CheckAsync(MediaAlias.For(file.Path, MediaAlias.WorkFolder(library)), ct);
        if (problem is not null || info is null)
        {
            await catalog.SetStatusAsync(file.Id, FileStatus.Corrupt, [problem ?? "unreadable"], fingerprint, ct);
            return;
        }

        var reasons = Compliance.Reasons(info, library.Profile);
        await catalog.SetStatusAsync(file.Id, reasons.Count == 0 ? FileStatus.Compliant : FileStatus.Planned, reasons, fingerprint, ct);
    }

    private static bool Taken(Library library, string path)
    {
        if (library.OwnFolders.Any(folder => FolderPolicy.IsUnder(path, folder))) return false;
        if (Path.GetFileName(path).StartsWith(".gilgamesh-", StringComparison.Ordinal)) return false;
        var name = Path.GetFileName(path);
        if (library.Include.Length > 0 && !library.Include.Any(p => FileSystemName.MatchesSimpleExpression(p, name))) return false;
        return !library.Exclude.Any(p => FileSystemName.MatchesSimpleExpression(p, name));
    }

    // PostgreSQL keeps microseconds; .NET ticks are 100 ns. Compare what the database can hold.
    private static DateTime TruncateToMicroseconds(DateTime value) => new(value.Ticks - value.Ticks % 10, DateTimeKind.Utc);
}

internal sealed record ScanSummary(int Files, int NewOrChanged, int Vanished, int Classified);
