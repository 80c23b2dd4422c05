using System.Collections.Concurrent;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>
/// One local copy of a request's original under <c>&lt;DataDir&gt;/highlights-work/&lt;id&gt;</c>, shared by the steps that
/// run at once on this instance (fetched once, under a temporary name renamed when complete, so a crash never
/// leaves a partial copy that looks whole). The finish step removes it; an edit's re-render fetches it again.
/// </summary>
internal sealed class HighlightMedia(IMediaLibrary library, GilgameshOptions host)
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public string Folder(Guid highlightId) => Path.Combine(host.DataDirFullPath, "highlights-work", highlightId.ToString("N"));

    public async Task<string> LocalOriginalAsync(Guid highlightId, Guid mediaId, CancellationToken ct)
    {
        var folder = Folder(highlightId);
        var path = Path.Combine(folder, "original");
        var gate = _locks.GetOrAdd(highlightId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (File.Exists(path)) return path;
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".original-{Guid.NewGuid():N}");
            try
            {
                await using (var source = await library.OpenReadAsync(mediaId, ct))
                await using (var target = File.Create(temp))
                    await source.CopyToAsync(target, ct);
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
            return path;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Remove(Guid highlightId)
    {
        var folder = Folder(highlightId);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        _locks.TryRemove(highlightId, out _);
    }
}
