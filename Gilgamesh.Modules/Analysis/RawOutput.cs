namespace Gilgamesh.Modules.Analysis;

/// <summary>An engine result printed verbatim instead of as JSON (e.g. <c>analyze speech --format srt</c>).</summary>
internal sealed record RawOutput(string Text);
