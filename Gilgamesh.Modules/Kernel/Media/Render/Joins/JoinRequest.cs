namespace Gilgamesh.Modules.Kernel.Media.Render.Joins;

/// <summary>Join <paramref name="Inputs"/> in order into <paramref name="Output"/>, with a crossfade of <paramref name="Crossfade"/> at each boundary when set.</summary>
internal sealed record JoinRequest(IReadOnlyList<string> Inputs, string Output, MediaTime? Crossfade = null, VideoEncoding? Encoding = null);

/// <summary>How a join was done and, when not by stream copy, why.</summary>
internal sealed record JoinPlan(JoinMethod Method, string? Reason);

internal enum JoinMethod
{
    /// <summary>Concat demuxer, stream copy: the inputs share codec and parameters.</summary>
    ConcatDemuxer,

    /// <summary>Concat filter, re-encoded: the inputs differ.</summary>
    ConcatFilter,

    /// <summary><c>xfade</c>/<c>acrossfade</c> rendered around each boundary only; the rest smart-cut (whole GOPs copied).</summary>
    Crossfade,

    /// <summary>Crossfades of inputs that cannot be matched: one filter graph re-encodes everything.</summary>
    CrossfadeFilter,
}
