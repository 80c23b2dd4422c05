namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// A scene boundary. <paramref name="Frame"/> is the source frame index of the first frame of the new
/// scene (for gradual transitions: the middle of the transition); <paramref name="Kind"/> is
/// <c>hard</c> or <c>gradual</c>; <paramref name="Score"/> is the content score (slides mode: percent of
/// pixels that changed).
/// </summary>
internal sealed record SceneCut(double Time, int Frame, double Score, string Kind);
