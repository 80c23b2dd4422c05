using Gilgamesh.Modules.Encode.Libraries;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>The scheduled full rescan of every library (Hangfire recurring job), beside the watcher's prompt scans.</summary>
internal sealed class LibraryRescan(LibraryStore libraries, LibraryScanner scanner)
{
    public const string RecurringJobId = "encode-rescan";

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var library in await libraries.ListAsync(ct))
            if (library.Folders.All(Directory.Exists))
                await scanner.ScanAsync(library, ct);
    }
}
