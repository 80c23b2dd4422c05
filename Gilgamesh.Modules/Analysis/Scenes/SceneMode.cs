namespace Gilgamesh.Modules.Analysis.Scenes;

internal enum SceneMode
{
    /// <summary>Camera footage and edited video: HSV content deltas on small frames, hard and gradual cuts.</summary>
    Content,

    /// <summary>Screen recordings: count of changed gray pixels at near-native size, so one changed text line is a cut.</summary>
    Slides,

    /// <summary>
    /// Edited video that may also contain slides: content mode's cuts plus slide changes (a step between
    /// two still stretches) found on the same small frames, in one decode.
    /// </summary>
    Mixed,
}
