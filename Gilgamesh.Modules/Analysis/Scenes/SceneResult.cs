namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>What <c>analyze scenes</c> prints.</summary>
internal sealed record SceneResult(
    string Mode,
    double SourceFps,
    double AnalysedFps,
    int AnalysedWidth,
    int AnalysedHeight,
    int FramesAnalysed,
    double DurationSeconds,
    IReadOnlyList<SceneCut> Cuts,
    IReadOnlyList<SceneSpan> Scenes);
