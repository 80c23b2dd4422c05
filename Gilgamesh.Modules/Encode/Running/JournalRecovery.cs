using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// At start, takes every open journal entry forward when its output is still there (or the original was already
/// replaced), back otherwise; a rolled-back file is queued again. Afterwards every file exists once: the
/// original, or the verified output plus the archived original.
/// </summary>
internal sealed class JournalRecovery(JournalStore journal, JournaledReplace replace, CatalogStore catalog, LibraryStore libraries,
    FileEncoder encoder, IEncodeQueue queue, ILogger<JournalRecovery> logger)
{
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var open = await journal.OpenAsync(ct);
        foreach (var entry in open)
        {
            var file = await catalog.GetAsync(entry.FileId, ct);
            var library = file is null ? null : await libraries.GetAsync(file.LibraryId, ct);
            var canAdvance = File.Exists(entry.OutputPath) || entry.Step == JournalSteps.Replaced;
            if (canAdvance)
            {
                try
                {
                    var done = await replace.AdvanceAsync(entry, ct);
                    logger.LogWarning("Journal entry for {Original} rolled forward from {Step}", entry.OriginalPath, entry.Step);
                    if (file is not null && library is not null)
                        await encoder.FinishAsync(file, library, done, file.Fingerprint ?? await Fingerprint.OfAsync(entry.ArchivePath ?? entry.OriginalPath, ct),
                            [$"completed by recovery after an interruption at '{entry.Step}'"], ct);
                    continue;
                }
                catch (IOException e)
                {
                    logger.LogWarning(e, "Journal entry for {Original} cannot roll forward; rolling back", entry.OriginalPath);
                }
            }

            if (await replace.RollBackAsync(entry, ct))
            {
                if (File.Exists(entry.OutputPath)) File.Delete(entry.OutputPath);
                if (file is not null)
                {
                    await catalog.SetStatusAsync(file.Id, FileStatus.Queued, [$"interrupted at '{entry.Step}', rolled back and queued again"], ct: ct);
                    await queue.EnqueueAsync(file.Id, null, ct);
                }
            }
        }

        return open.Count;
    }
}
