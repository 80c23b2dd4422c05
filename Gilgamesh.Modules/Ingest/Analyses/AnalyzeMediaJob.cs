using System.Text.Json.Serialization;
using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>Input of the <c>ingest/analyze</c> job: ids and names only (<c>scene_mode</c> null: mixed, the default).</summary>
internal sealed record AnalyzeMediaInput(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("analyses")] IReadOnlyList<string> Analyses,
    [property: JsonPropertyName("scene_mode")] string? SceneMode = null);

/// <summary>Runs an item's analyses on the media queue. Re-runnable: every analysis overwrites its own row and keys.</summary>
internal sealed class AnalyzeMediaJob(MediaAnalysisRunner runner) : IJobHandler
{
    public const string KindName = "analyze";

    public string Module => IngestModule.ModuleName;
    public string Kind => KindName;

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var input = context.GetInput<AnalyzeMediaInput>();
        context.Result = await runner.RunAsync(input.MediaId, input.Analyses,
            (percent, stage) => context.Progress.Report(percent, stage), cancellationToken,
            sceneMode: SceneModes.Parse(input.SceneMode) ?? SceneModes.Default);
    }
}
