namespace Gilgamesh.Modules.Kernel.Media.Render.Retiming;

/// <summary>
/// Retime <paramref name="Input"/>: play it <paramref name="Speed"/> times as fast (video <c>setpts</c>, audio an
/// <c>atempo</c> chain), or stretch/squeeze it to exactly <paramref name="ExactFrames"/> frames at the source rate;
/// optionally mirrored left–right.
/// </summary>
internal sealed record RetimeRequest(string Input, string Output, double Speed = 1, long? ExactFrames = null, bool Mirror = false,
    VideoEncoding? Encoding = null);
