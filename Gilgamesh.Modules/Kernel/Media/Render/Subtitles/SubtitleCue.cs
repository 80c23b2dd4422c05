namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>One subtitle shown over <c>[Start, End)</c>. <paramref name="Words"/> (optional, in order, inside the cue) enable the per-word highlight.</summary>
internal sealed record SubtitleCue(MediaTime Start, MediaTime End, string Text, IReadOnlyList<SubtitleWord>? Words = null);

/// <summary>A word of a cue with its spoken time.</summary>
internal sealed record SubtitleWord(MediaTime Start, MediaTime End, string Text);
