using System.Diagnostics;
using System.Text.Json;
using Gilgamesh.Modules.Ingest.Analyses;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links.Cache;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// One URL from start to answer: cache, fetch slot, download into a UUID-named temp folder under the scratch area
/// (removed in a finally, whatever happens), library ingest, captions, analyses, cache store. Never throws for the
/// URL's own failures: they become the result's <c>error</c>; only the caller's cancellation propagates.
/// </summary>
internal sealed class LinkProcessor(
    LinkDownloader downloader, MediaIngestor ingestor, CaptionStore captions, IObjectStore store, LinkCacheStore cache,
    LinkItemPresenter presenter, FetchLimiter limiter, MediaAnalysisRunner analyses, GilgameshOptions gilgamesh,
    IOptions<LinksOptions> options, ILogger<LinkProcessor> logger)
{
    private readonly LinksOptions _options = options.Value;

    public async Task<LinkResult> ProcessAsync(string url, ProcessOptions processOptions, Guid ownerId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var uri = UrlNormalizer.Parse(url);
            var normalized = UrlNormalizer.Normalize(uri);
            var key = LinkCacheKey.For(ownerId, normalized, processOptions);
            var result = await FromCacheAsync(key, url, processOptions, ct)
                         ?? await FetchAsync(uri, url, key, normalized, processOptions, ownerId, ct);
            // Told to the client: the key is a hash it could not recompute without the exact normalisation.
            return result with { TookMs = clock.ElapsedMilliseconds, CacheKey = key };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var error = ErrorOf(e);
            if (error.Code == ErrorCodes.Internal) logger.LogError(e, "Processing a URL failed unexpectedly");
            return new LinkResult { Url = url, Status = LinkResult.Failed, Error = error, TookMs = clock.ElapsedMilliseconds };
        }
    }

    private async Task<LinkResult?> FromCacheAsync(string key, string url, ProcessOptions processOptions, CancellationToken ct)
    {
        if (await cache.TryHitAsync(key, ct) is not { } json) return null;
        var stored = JsonSerializer.Deserialize<LinkResult>(json)!;
        var items = new List<LinkItem>(stored.Items.Count);
        foreach (var item in stored.Items)
        {
            // An item deleted since it was cached makes the entry useless: fetch again.
            if (await presenter.PresentAsync(item, processOptions.EncodeBase64, ct) is not { } presented) return null;
            items.Add(presented);
        }
        return stored with { Url = url, Items = items, Cached = true };
    }

    private async Task<LinkResult> FetchAsync(Uri uri, string url, string key, string normalized, ProcessOptions processOptions,
        Guid ownerId, CancellationToken ct)
    {
        var items = new List<LinkItem>();
        using (var scratch = ScratchDirectory.Create(gilgamesh, "link"))
        {
            var downloads = await DownloadWithSlotAsync(uri, scratch.Path, ct);
            foreach (var download in downloads)
                items.Add(await IngestAsync(download, ownerId, url, ct));
        }

        var analysed = new List<LinkItem>(items.Count);
        foreach (var item in items) analysed.Add(await AnalyseAsync(item, processOptions, ct));

        var result = new LinkResult { Url = url, Status = LinkResult.Ok, Items = analysed.Select(LinkItemPresenter.Stored).ToList() };
        await cache.PutAsync(key, ownerId, normalized, JsonSerializer.Serialize(result), _options.CacheTtl, ct);

        var presented = new List<LinkItem>(analysed.Count);
        foreach (var item in analysed)
            presented.Add(await presenter.PresentAsync(item, processOptions.EncodeBase64, ct) ?? item);
        return result with { Items = presented };
    }

    /// <summary>Holds a fetch slot only while downloading; the timeout starts once the slot is held, not while queued.</summary>
    private async Task<IReadOnlyList<DownloadedMedia>> DownloadWithSlotAsync(Uri uri, string folder, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(ct);
        if (!lease.IsAcquired) throw LinkFailure.Failed("Too many URLs are waiting for a fetch slot; try again later.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.FetchTimeout);
        try
        {
            return await downloader.DownloadAsync(uri, folder, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw LinkFailure.Timeout($"The URL took longer than {_options.FetchTimeoutSeconds:0.#} s.");
        }
        catch (LinkFailure) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // A read cut short by the timeout can surface as an I/O failure; the timeout is the real reason.
            throw LinkFailure.Timeout($"The URL took longer than {_options.FetchTimeoutSeconds:0.#} s.");
        }
    }

    private async Task<LinkItem> IngestAsync(DownloadedMedia download, Guid ownerId, string url, CancellationToken ct)
    {
        // The download's scratch folder goes right after, so storage may move the file in instead of copying it.
        var outcome = await ingestor.IngestFileAsync(
            new IngestRequest(ownerId, MediaSources.Url, download.DisplayName, url, TakeFile: true), download.Path, ct);
        var media = outcome.Item;
        if (download.Captions is { } caption)
        {
            var key = $"ingest/{ownerId:N}/{media.Id:N}/captions.{caption.Track.Format}";
            await store.PutFileAsync(key, caption.Path, caption.Track.Format == "vtt" ? "text/vtt" : "application/x-subrip", ct);
            await captions.SaveAsync(media.Id, caption.Track, key, ct);
        }
        return new LinkItem
        {
            Kind = media.Kind, MediaId = media.Id, Width = media.Width, Height = media.Height,
            Duration = media.DurationSeconds, Existing = outcome.Existing,
        };
    }

    private async Task<LinkItem> AnalyseAsync(LinkItem item, ProcessOptions processOptions, CancellationToken ct)
    {
        var kinds = processOptions.Analyses.ToList();
        if (kinds.Count == 0) return item;
        var stored = await analyses.RunAsync(item.MediaId, kinds, null, ct, transcriptRequired: false);
        return item with
        {
            Scenes = processOptions.Wants(AnalysisKinds.Scenes) ? stored.Scenes : null,
            Ocr = processOptions.Wants(AnalysisKinds.Ocr) ? stored.Ocr : null,
            Transcript = processOptions.Wants(AnalysisKinds.Transcript) ? stored.Transcript : null,
        };
    }

    private static LinkError ErrorOf(Exception e) => e switch
    {
        LinkFailure f => new LinkError(f.Code, f.Message, f.Retryable),
        GilgameshException g => new LinkError(g.Code, g.Message, g.StatusCode >= 500),
        OperationCanceledException => new LinkError(IngestErrorCodes.FetchTimeout, "The URL was cut short.", true),
        _ => new LinkError(ErrorCodes.Internal, "Processing this URL failed unexpectedly; see the server log.", true),
    };
}
