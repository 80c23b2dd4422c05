namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>The analyses a media item can have. The transcript comes from captions or the speech model.</summary>
internal static class AnalysisKinds
{
    public const string Scenes = "scenes";
    public const string Ocr = "ocr";
    public const string Transcript = "transcript";

    public static readonly string[] All = [Scenes, Ocr, Transcript];
}
