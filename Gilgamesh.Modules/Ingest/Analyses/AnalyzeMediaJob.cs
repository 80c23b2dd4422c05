using System.Text.Json.Serialization;
using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>Input of the <c>ingest/analyze</c> job: ids and names only (<c>scene_mode</c> null: mixed, the default).</summary>
internal sealed record AnalyzeMediaInput(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("analyses")] IReadOnlyList<string> Analyses,
    [property: JsonPropertyName("scene_mode")] string? SceneMode = null);

/// <summary>Runs an item's analyses on the media queue. Re-runnable: every analysis overwrites its own row and keys.</summary>
internal sealed class AnalyzeMediaJob(MediaAnalysisRunner runner) : IJobHandler<AnalyzeMediaInput, MediaAnalyses>
{
    public static readonly JobKind<AnalyzeMediaInput, MediaAnalyses> Kind = new(IngestModule.ModuleName, "analyze", JobQueues.Media);

    public Task<MediaAnalyses> ExecuteAsync(AnalyzeMediaInput input, JobContext context, CancellationToken cancellationToken) =>
        runner.RunAsync(input.MediaId, input.Analyses, context.Progress, cancellationToken,
            sceneMode: SceneModes.Parse(input.SceneMode) ?? SceneModes.Default);

    /// <summary>A readable job name, e.g. "scenes + OCR · lecture.mp4".</summary>
    public static string Title(IEnumerable<string> analyses, string mediaName) =>
        string.Join(" + ", analyses.Select(a => a == AnalysisKinds.Ocr ? "OCR" : a)) + " · " + mediaName;
}
