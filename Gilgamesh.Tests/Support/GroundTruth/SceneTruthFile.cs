namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>A generated video and its known cuts (hard: first frame of the new shot; gradual: middle of the transition).</summary>
public sealed record SceneTruthFile(string Path, double Fps, double DurationSeconds, IReadOnlyList<TruthCut> Cuts)
{
    public IReadOnlyList<TruthCut> OfKind(string kind) => Cuts.Where(c => c.Kind == kind).ToList();
}

public sealed record TruthCut(double Time, int Frame, string Kind);

/// <summary>
/// One shot of a generated video: a lavfi source graph, its length, and how it is entered (<c>cut</c>, or an
/// xfade transition name such as <c>fade</c> or <c>fadeblack</c>). <paramref name="SlideChanges"/>: seconds
/// into the shot where a slide shot changes one line (truth kind <c>slide</c>). <paramref name="TransitionSeconds"/>:
/// the xfade's length (null: <see cref="SceneGroundTruth.TransitionSeconds"/>).
/// </summary>
public sealed record Shot(string Source, double Seconds, string Transition = "cut", IReadOnlyList<double>? SlideChanges = null, double? TransitionSeconds = null);
