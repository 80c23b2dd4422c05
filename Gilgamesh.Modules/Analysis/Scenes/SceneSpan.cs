namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>One scene between two cuts; <paramref name="Keyframe"/> is the written image (null without <c>--keyframes</c>).</summary>
internal sealed record SceneSpan(int Index, double Start, double End, int StartFrame, int EndFrame, double KeyframeTime, string? Keyframe);
