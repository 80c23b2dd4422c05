using System.Text.Json.Serialization;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Highlights.Render;
using Gilgamesh.Modules.Kernel.Pipelines;

namespace Gilgamesh.Modules.Highlights.Pipeline;

/// <summary>The input of every step but the renders: the highlights request's id (its row holds the options).</summary>
internal sealed record HighlightRef([property: JsonPropertyName("highlight_id")] Guid HighlightId);

/// <summary>
/// The pipeline's step kinds. Stage 1 (silence, transcript, layout, slides) runs in parallel; <c>content</c> is
/// the fan-in (content analysis and selection) and fans out one <c>render</c> step per clip; <c>finish</c>
/// waits for all of them. An edited clip is re-rendered by a lone <c>render</c> job.
/// </summary>
internal static class HighlightSteps
{
    private const string Module = HighlightsModule.ModuleName;

    public static readonly JobKind<HighlightRef, SilenceStepResult> Silence = new(Module, "silence", JobQueues.Media);
    public static readonly JobKind<HighlightRef, TranscriptStepResult> Transcript = new(Module, "transcript", JobQueues.Media);
    public static readonly JobKind<HighlightRef, LayoutStepResult> Layout = new(Module, "layout", JobQueues.Media) { Needs = [BudgetNames.Cpu] };
    public static readonly JobKind<HighlightRef, SlidesStepResult> Slides = new(Module, "slides", JobQueues.Media) { Needs = [BudgetNames.Cpu] };
    public static readonly JobKind<HighlightRef, ContentStepResult> Content = new(Module, "content", JobQueues.Media);
    public static readonly JobKind<RenderClipInput, RenderClipResult> Render = new(Module, "render", JobQueues.Media) { Needs = [BudgetNames.Cpu] };
    public static readonly JobKind<HighlightRef, HighlightRunResult> Finish = new(Module, "finish", JobQueues.Media);

    /// <summary>The whole run: four analyses at once, then content (which adds the renders), then finish.</summary>
    public static PipelinePlan Plan(Guid highlightId)
    {
        var input = new HighlightRef(highlightId);
        var plan = new PipelinePlan(Module, "run");
        var silence = plan.Step(Silence, input, weight: 1);
        var transcript = plan.Step(Transcript, input, weight: 1);
        var layout = plan.Step(Layout, input, weight: 2);
        var slides = plan.Step(Slides, input, weight: 2);
        var content = plan.Step(Content, input, dependsOn: [silence, transcript, layout, slides], weight: 1);
        plan.Step(Finish, input, dependsOn: [content], weight: 1);
        return plan;
    }
}

/// <summary>What a finished run reports as the pipeline's last result.</summary>
internal sealed record HighlightRunResult(Guid Id, int Clips, string TranscriptSource, string Analyzer);
