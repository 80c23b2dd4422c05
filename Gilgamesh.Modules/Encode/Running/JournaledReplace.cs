using Gilgamesh.Modules.Encode.Catalog;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// Puts a verified output in place of (or beside) its original as a journal of steps, each committed before the
/// next begins: output fsynced and hashed (with the original's hash) → original copied to the archive and the
/// copy's hash checked → output copied beside the target, hash checked, renamed over it → both verified → done.
/// Every step can be repeated, so recovery after a crash simply advances an open entry again; when it cannot
/// (the output is gone before the original was replaced), it rolls back, and the original was never touched.
/// </summary>
internal sealed class JournaledReplace(JournalStore journal, EncodeFaults faults, ILogger<JournaledReplace> logger)
{
    public async Task<JournalEntry> StartAsync(Guid fileId, string original, string output, string target, string? archive, CancellationToken ct)
    {
        var entry = new JournalEntry(Guid.CreateVersion7(), fileId, original, output, target, archive, JournalSteps.Started, null, null);
        await journal.InsertAsync(entry, ct);
        faults.After(JournalSteps.Started);
        return entry;
    }

    /// <summary>Takes the entry from wherever it is to done. Throws when a step cannot be proven; the caller rolls back.</summary>
    public async Task<JournalEntry> AdvanceAsync(JournalEntry entry, CancellationToken ct)
    {
        if (entry.Step == JournalSteps.Started)
        {
            VerifiedCopy.FlushFile(entry.OutputPath);
            entry = entry with
            {
                Step = JournalSteps.OutputHashed,
                OutputSha256 = await Fingerprint.FullAsync(entry.OutputPath, ct),
                OriginalSha256 = await Fingerprint.FullAsync(entry.OriginalPath, ct),
            };
            await Commit(entry, ct);
        }

        if (entry.Step == JournalSteps.OutputHashed)
        {
            if (entry.ArchivePath is { } archive) await VerifiedCopy.CopyAsync(entry.OriginalPath, archive, entry.OriginalSha256!, ct);
            entry = entry with { Step = JournalSteps.Archived };
            await Commit(entry, ct);
        }

        if (entry.Step == JournalSteps.Archived)
        {
            // Already in place when a crash came between the rename and the journal write.
            if (!File.Exists(entry.TargetPath) || await Fingerprint.FullAsync(entry.TargetPath, ct) != entry.OutputSha256)
                await VerifiedCopy.CopyAsync(entry.OutputPath, entry.TargetPath, entry.OutputSha256!, ct);
            entry = entry with { Step = JournalSteps.Replaced };
            await Commit(entry, ct);
        }

        if (entry.Step == JournalSteps.Replaced)
        {
            if (await Fingerprint.FullAsync(entry.TargetPath, ct) != entry.OutputSha256)
                throw new IOException($"{entry.TargetPath} is not the verified output after the replace");
            if (entry.ArchivePath is { } archive && await Fingerprint.FullAsync(archive, ct) != entry.OriginalSha256)
                throw new IOException($"the archive {archive} does not match the original's hash");
            File.Delete(entry.OutputPath);
            entry = entry with { Step = JournalSteps.Done };
            await Commit(entry, ct);
        }

        return entry;
    }

    /// <summary>
    /// Undoes an entry that has not replaced anything: removes partial copies and the archive copy (the original is
    /// where it was), leaves the output to the caller. Returns false when the target already holds the output
    /// (then only advancing is right).
    /// </summary>
    public async Task<bool> RollBackAsync(JournalEntry entry, CancellationToken ct)
    {
        if (entry.Step == JournalSteps.Replaced) return false;
        if (entry.OutputSha256 is not null && entry.TargetPath == entry.OriginalPath && File.Exists(entry.TargetPath)
            && await Fingerprint.FullAsync(entry.TargetPath, ct) == entry.OutputSha256)
            return false;
        foreach (var partial in new[] { entry.TargetPath + VerifiedCopy.PartialSuffix, entry.ArchivePath + VerifiedCopy.PartialSuffix })
            if (File.Exists(partial)) File.Delete(partial);
        if (entry.ArchivePath is { } archive && File.Exists(archive) && File.Exists(entry.OriginalPath)) File.Delete(archive);
        if (entry.TargetPath != entry.OriginalPath && File.Exists(entry.TargetPath)) File.Delete(entry.TargetPath);
        await journal.AdvanceAsync(entry with { Step = JournalSteps.RolledBack }, ct);
        logger.LogWarning("Replace of {Original} rolled back at step {Step}", entry.OriginalPath, entry.Step);
        return true;
    }

    private async Task Commit(JournalEntry entry, CancellationToken ct)
    {
        await journal.AdvanceAsync(entry, ct);
        faults.After(entry.Step);
    }
}
