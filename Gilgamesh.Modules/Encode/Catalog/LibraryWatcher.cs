using System.Collections.Concurrent;
using Gilgamesh.Modules.Encode.Libraries;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// Scans a library soon after something changes in its folders (FileSystemWatcher), and once more when the
/// change has had <see cref="EncodeOptions.StableSeconds"/> to settle, so a copied-in file is classified without
/// waiting for the hourly rescan. Events only trigger scans; the scan decides, so a lost event (buffer overflow,
/// network share) costs latency, never correctness.
/// </summary>
internal sealed class LibraryWatcher(LibraryStore libraries, LibraryScanner scanner, EncodeOptions options, ILogger<LibraryWatcher> logger)
    : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<Guid, Watched> _watched = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var library in await libraries.ListAsync(cancellationToken)) Watch(library);
    }

    public void Watch(Library library)
    {
        var watchers = library.Folders.Where(Directory.Exists).Select(folder =>
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite,
                InternalBufferSize = 64 * 1024,
            };
            watcher.Created += (_, _) => Changed(library.Id);
            watcher.Changed += (_, _) => Changed(library.Id);
            watcher.Renamed += (_, _) => Changed(library.Id);
            watcher.Deleted += (_, _) => Changed(library.Id);
            watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watcher of library {Library} lost events; the next scan catches up", library.Name);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }).ToList();
        if (_watched.TryRemove(library.Id, out var old)) old.Dispose();
        _watched[library.Id] = new Watched(watchers);
    }

    private void Changed(Guid libraryId)
    {
        if (!_watched.TryGetValue(libraryId, out var watched)) return;
        var generation = Interlocked.Increment(ref watched.Generation);
        _ = Task.Run(async () =>
        {
            // The last event of a burst wins; then a second scan once the files can have become stable.
            await Task.Delay(Debounce);
            if (Volatile.Read(ref watched.Generation) != generation) return;
            await ScanAsync(libraryId);
            await Task.Delay(TimeSpan.FromSeconds(options.StableSeconds) + Debounce);
            if (Volatile.Read(ref watched.Generation) == generation) await ScanAsync(libraryId);
        });
    }

    private async Task ScanAsync(Guid libraryId)
    {
        try
        {
            if (await libraries.GetAsync(libraryId, CancellationToken.None) is { } library) await scanner.ScanAsync(library, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Scan after a change in library {Library} failed; the hourly rescan retries", libraryId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var watched in _watched.Values) watched.Dispose();
        _watched.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    private sealed class Watched(List<FileSystemWatcher> watchers) : IDisposable
    {
        public int Generation;

        public void Dispose()
        {
            foreach (var watcher in watchers) watcher.Dispose();
        }
    }
}
