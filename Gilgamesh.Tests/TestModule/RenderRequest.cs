namespace Gilgamesh.Tests.TestModule;

/// <summary>
/// Body of POST /api/v1/probe/renders. Without <see cref="SourceKey"/> ffmpeg renders a test pattern;
/// with it, ffmpeg transcodes that stored object (so a test can make it fail with bad bytes). The first
/// <see cref="TransientFailures"/> attempts fail with a transient error, so a test can watch the automatic retries.
/// </summary>
internal sealed record RenderRequest(double DurationSeconds = 3, string? SourceKey = null, bool Realtime = false, int TransientFailures = 0);
