using System.Globalization;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary>Turns a request into a <see cref="Library"/>: every folder checked by <see cref="FolderPolicy"/>, the profile validated.</summary>
internal sealed class LibraryFactory(FolderPolicy folders)
{
    public Library Create(LibraryRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) Invalid("name is required (at most 100 characters)");
        if (request.Folders is not { Count: > 0 }) Invalid("folders needs at least one folder");
        if (request.Action is not (Library.ReplaceAndArchive or Library.KeepBoth or Library.WriteElsewhere))
            Invalid("action must be replace-and-archive, keep-both or write-elsewhere");
        var profile = request.Profile ?? new EncodeProfile();
        if (profile.Problems() is { Count: > 0 } problems) Invalid("profile: " + string.Join("; ", problems));

        var realFolders = request.Folders.Select((f, i) => folders.Require(f, $"folders[{i}]")).ToArray();
        string? archive = null, output = null;
        if (request.Action == Library.ReplaceAndArchive)
            archive = request.ArchiveFolder is { } a ? CreateAndRequire(a, "archiveFolder") : Path.Combine(realFolders[0], ".gilgamesh-archive");
        if (request.Action == Library.WriteElsewhere)
            output = CreateAndRequire(request.OutputFolder ?? Invalid<string>("write-elsewhere needs outputFolder"), "outputFolder");

        return new Library(Guid.CreateVersion7(), request.Name.Trim(), realFolders, [.. request.Include ?? []], [.. request.Exclude ?? []],
            profile, profile.Version(), request.Action, archive, output, Time(request.WindowStart, "windowStart"), Time(request.WindowEnd, "windowEnd"), false);
    }

    private string CreateAndRequire(string folder, string field)
    {
        // Checked by name first, so nothing is created outside the roots; then by real path once it exists.
        if (Path.IsPathFullyQualified(folder) && folders.Roots.Any(r => FolderPolicy.IsUnder(Path.GetFullPath(folder), r)))
            Directory.CreateDirectory(folder);
        return folders.Require(folder, field);
    }

    private static TimeOnly? Time(string? value, string field) =>
        value is null ? null
        : TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : Invalid<TimeOnly?>($"{field} must be HH:mm");

    private static void Invalid(string why) => throw new GilgameshException(EncodeErrorCodes.LibraryInvalid, why, 400);

    private static T Invalid<T>(string why) => throw new GilgameshException(EncodeErrorCodes.LibraryInvalid, why, 400);
}
