using System.Text.Json;
using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// Runs the requested analyses of one library item with the existing engines and stores them: scenes (by default the
/// engine's mixed mode: hard cuts, gradual transitions and slide changes down to one changed line, in one decode; one keyframe per scene stored under <c>ingest/&lt;owner&gt;/&lt;media&gt;/keyframes/</c>) and OCR of those keyframes
/// (an image is read directly). OCR of a video needs the keyframes, so it runs scene detection even when scenes were
/// not asked for. Audio has neither. The transcript comes from the item's captions, else the speech model
/// (<see cref="TranscriptMaker"/>); with neither the job fails with <c>speech.model_missing</c> (after the picture analyses).
/// </summary>
internal sealed class MediaAnalysisRunner(
    MediaItemStore items, IObjectStore store, SceneDetector scenes, OcrEngine ocr, MediaAnalysisStore analyses, TranscriptMaker transcripts,
    TranscriptAvailability availability, GilgameshOptions options)
{
    /// <param name="transcriptRequired">
    /// True for the analyses job (no transcript possible → it fails with the code); false for URL processing, whose
    /// contract answers <c>transcript: null</c> and still succeeds.
    /// </param>
    public async Task<MediaAnalyses> RunAsync(Guid mediaId, IReadOnlyCollection<string> kinds, IJobProgress? progress, CancellationToken ct,
        bool transcriptRequired = true, SceneMode sceneMode = SceneModes.Default)
    {
        var item = await items.GetAsync(mediaId, ct) is { Status: MediaStatuses.Ready, StorageKey: not null } ready
            ? ready
            : throw new GilgameshException(IngestErrorCodes.MediaNotFound, $"No ready media item {mediaId}.", 404);
        var wantScenes = kinds.Contains(AnalysisKinds.Scenes);
        var wantOcr = kinds.Contains(AnalysisKinds.Ocr);
        var wantTranscript = kinds.Contains(AnalysisKinds.Transcript);
        var visual = item.Kind != MediaKinds.Audio && (wantScenes || wantOcr);
        if (!visual && !wantTranscript) return await analyses.GetAsync(mediaId, ct);

        using var scratch = ScratchDirectory.Create(options, "analyses");
        string? local = null;
        async Task<string> LocalOriginalAsync()
        {
            if (local is not null) return local;
            progress?.Report(0, "fetching media");
            var path = scratch.File("original");
            await using (var read = await store.OpenReadAsync(item.StorageKey!, null, ct))
            await using (var write = File.Create(path))
                await read.CopyToAsync(write, ct);
            return local = path;
        }

        // With a transcript to make as well, the picture analyses take the first 60 % of the progress bar.
        var visualShare = wantTranscript ? 0.6 : 1.0;
        if (visual)
            await RunVisualAsync(item, await LocalOriginalAsync(), scratch, sceneMode, wantScenes, wantOcr,
                progress?.Part(0, visualShare), ct);
        if (wantTranscript)
        {
            if (transcriptRequired || await availability.RefusalAsync(item, ct) is null)
            {
                // The engine reports 0–1; its slice of the bar maps it (a hand-made 0–100 rescale once stalled it at ~60 %).
                var transcriptPart = progress?.Part(visual ? visualShare : 0, 0.99);
                transcriptPart?.Report(0, "transcript");
                var transcript = await transcripts.MakeAsync(item, LocalOriginalAsync, transcriptPart, ct);
                await analyses.SaveAsync(mediaId, AnalysisKinds.Transcript, StoredTranscript.From(transcript), ct);
            }
        }
        progress?.Report(1, "done");
        return await analyses.GetAsync(mediaId, ct);
    }

    private async Task RunVisualAsync(MediaItem item, string local, ScratchDirectory scratch, SceneMode mode, bool wantScenes, bool wantOcr,
        IJobProgress? progress, CancellationToken ct)
    {
        var mediaId = item.Id;
        if (item.Kind == MediaKinds.Image)
        {
            if (wantOcr)
            {
                progress?.Report(0.1, "ocr");
                var text = await ReadTextAsync(local, ct);
                await analyses.SaveAsync(mediaId, AnalysisKinds.Ocr, new[] { new StoredOcrText(null, 0, text) }, ct);
            }
            return;
        }

        progress?.Report(0.05, "scenes");
        var keyframes = scratch.File("keyframes");
        var detected = await scenes.DetectAsync(local, new SceneOptions(mode, KeyframesDirectory: keyframes),
            // A synchronous slice, not Progress<T>: the latter posts to the thread pool, so a late report could land
            // after the job ended and move its bar backwards.
            progress?.Part(0.05, 0.6), ct);
        var stored = new List<StoredScene>();
        foreach (var scene in detected.Scenes)
        {
            string? key = null;
            if (scene.Keyframe is { } file)
            {
                key = $"ingest/{item.OwnerId:N}/{item.Id:N}/keyframes/{Path.GetFileName(file)}";
                await store.PutFileAsync(key, file, "image/jpeg", ct);
            }
            // Which kind of change started the scene (hard, gradual, slide), so the result says what was found.
            var cut = detected.Cuts.FirstOrDefault(c => Math.Abs(c.Time - scene.Start) < 0.01)?.Kind;
            stored.Add(new StoredScene(scene.Index, scene.Start, scene.End, scene.KeyframeTime, key, cut));
        }
        if (wantScenes) await analyses.SaveAsync(mediaId, AnalysisKinds.Scenes, stored, ct);

        if (wantOcr)
        {
            var texts = new List<StoredOcrText>();
            for (var i = 0; i < detected.Scenes.Count; i++)
            {
                var scene = detected.Scenes[i];
                progress?.Report(0.6 + 0.39 * i / detected.Scenes.Count, "ocr");
                if (scene.Keyframe is { } file) texts.Add(new StoredOcrText(scene.Index, scene.KeyframeTime, await ReadTextAsync(file, ct)));
            }
            await analyses.SaveAsync(mediaId, AnalysisKinds.Ocr, texts, ct);
        }
    }

    private async Task<string> ReadTextAsync(string image, CancellationToken ct)
    {
        var result = await ocr.RunAsync(image, new OcrOptions(), null, ct);
        return string.Join('\n', result.Frames.Select(f => f.Text).Where(t => t.Length > 0));
    }
}
