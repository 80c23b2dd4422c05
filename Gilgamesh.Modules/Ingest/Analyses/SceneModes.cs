using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// The scene modes the analyses API and page offer. The default is mixed: one pass finds hard cuts, gradual
/// transitions and slide changes, so a lecture's slides are found without the user knowing what the video holds.
/// </summary>
internal static class SceneModes
{
    public const SceneMode Default = SceneMode.Mixed;
    public static readonly string[] Names = ["mixed", "content", "slides"];

    /// <summary>Null for null or empty (the default applies); a 400 <c>invalid_request</c> for an unknown name.</summary>
    public static SceneMode? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "mixed" => SceneMode.Mixed,
        "content" => SceneMode.Content,
        "slides" => SceneMode.Slides,
        _ => throw new GilgameshException(ErrorCodes.InvalidRequest, $"scene_mode is mixed, content or slides, not '{name}'.", 400),
    };
}
