namespace Gilgamesh.Modules.Kernel.SelfTest;

/// <summary>Body of <c>POST /api/v1/jobs/selftest</c> (optional).</summary>
/// <param name="DurationSeconds">Length of the rendered clip, 1–60 s.</param>
/// <param name="Realtime">Render at the clip's own pace (progress visibly climbs for a demo or a test).</param>
public sealed record SelfTestInput(double DurationSeconds = 5, bool Realtime = true);
