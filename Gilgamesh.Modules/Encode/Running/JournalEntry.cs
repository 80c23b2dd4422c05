namespace Gilgamesh.Modules.Encode.Running;

/// <summary>A row of <c>encode.journal</c>: one replace, advanced step by step.</summary>
/// <param name="OutputPath">The verified encode in the work folder.</param>
/// <param name="TargetPath">Where the output ends: the original's path (replace) or beside it / elsewhere.</param>
/// <param name="ArchivePath">Where the original is copied first; null when nothing is archived.</param>
internal sealed record JournalEntry(
    Guid Id,
    Guid FileId,
    string OriginalPath,
    string OutputPath,
    string TargetPath,
    string? ArchivePath,
    string Step,
    string? OriginalSha256,
    string? OutputSha256);

internal static class JournalSteps
{
    public const string Started = "started";
    public const string OutputHashed = "output-hashed";
    public const string Archived = "archived";
    public const string Replaced = "replaced";
    public const string Done = "done";
    public const string RolledBack = "rolled-back";

    /// <summary>The steps a crash can interrupt, in order.</summary>
    public static readonly string[] InOrder = [Started, OutputHashed, Archived, Replaced];
}
