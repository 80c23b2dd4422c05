namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>
/// Cut <c>[Start, End)</c> of <paramref name="Input"/> into <paramref name="Output"/> (MP4). The first frame is
/// the first source frame at or after <paramref name="Start"/>; the last is the last one before <paramref name="End"/>.
/// </summary>
/// <param name="Edges">How the re-encoded edges are encoded (see <see cref="SmartCutEdges"/>).</param>
/// <param name="ForceFullReEncode">Re-encode the whole span even when it could be copied (the bench's anchor).</param>
internal sealed record CutRequest(string Input, string Output, MediaTime Start, MediaTime End,
    SmartCutEdges Edges = SmartCutEdges.Matched, bool ForceFullReEncode = false);

internal enum SmartCutEdges
{
    /// <summary>Same codec, profile, level, pixel format, size and colour as the source at near-transparent quality (CRF 16): plays wherever the source plays.</summary>
    Matched,

    /// <summary>Lossless (x264 QP 0): decoded edge frames are bit-identical to the source's, but H.264 needs the
    /// High 4:4:4 Predictive profile for it, which hardware decoders often lack. For archives and verification.</summary>
    Lossless,
}
