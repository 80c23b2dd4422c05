namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// What a cut does: the source frames it keeps and, in order, which spans are stream-copied and which re-encoded.
/// <paramref name="FullReEncodeReason"/> is set when the source could not be matched (or a copy was not worth it)
/// and the whole span is re-encoded; it is also logged.
/// </summary>
internal sealed record SmartCutPlan(long StartFrame, long EndFrame, FrameRate FrameRate, IReadOnlyList<CutSpan> Spans, string? FullReEncodeReason)
{
    public long FrameCount => EndFrame - StartFrame;

    public long CopiedFrames => Spans.Where(s => s.Kind == CutSpanKind.Copy).Sum(s => s.FrameCount);

    public bool IsSmart => FullReEncodeReason is null;
}
