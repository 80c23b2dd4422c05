namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary>What <c>POST /api/v1/encode/libraries</c> takes (and what an import file holds, one per library).</summary>
internal sealed record LibraryRequest(
    string Name,
    IReadOnlyList<string> Folders,
    IReadOnlyList<string>? Include = null,
    IReadOnlyList<string>? Exclude = null,
    EncodeProfile? Profile = null,
    string Action = Library.ReplaceAndArchive,
    string? ArchiveFolder = null,
    string? OutputFolder = null,
    string? WindowStart = null,
    string? WindowEnd = null);
