namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>Frames <c>[StartFrame, EndFrame)</c> of the source (frame 0 at the source's start), copied or re-encoded.</summary>
internal sealed record CutSpan(CutSpanKind Kind, long StartFrame, long EndFrame)
{
    public long FrameCount => EndFrame - StartFrame;
}

internal enum CutSpanKind
{
    Copy,
    ReEncode,
}
