namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>How faithfully frames are decoded and scaled.</summary>
internal enum FrameFidelity
{
    /// <summary>Spec-exact decoding and ffmpeg's default (bicubic) scaler: pixels someone reads (OCR, layout).</summary>
    Exact,

    /// <summary>
    /// Analysis frames nobody looks at: the in-loop deblocking filter is skipped (about a fifth of H.264
    /// decoding CPU on a deblocked encode; the small drift it causes until the next keyframe stays far
    /// below any change a detector looks for) and scaling is fast_bilinear (a bicubic downscale to 160 px
    /// with RGB conversion cost more CPU than decoding the 720p frames it came from).
    /// </summary>
    Fast,
}
