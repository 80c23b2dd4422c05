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

    /// <summary><c>xfade</c>/<c>acrossfade</c> rendered around each boundary, the rest copied.</summary>
    Crossfade,
}
