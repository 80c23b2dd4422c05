using System.Globalization;
using Gilgamesh.Modules.Encode.Libraries;

namespace Gilgamesh.Modules.Encode.Exchange;

/// <summary>An export/import file: libraries with their profiles (schema <c>docs/encode/libraries.schema.json</c>).</summary>
internal sealed record LibraryDocument(int Version, IReadOnlyList<LibraryRequest> Libraries)
{
    public static LibraryDocument Of(IEnumerable<Library> libraries) => new(1, [.. libraries.Select(ToRequest)]);

    /// <summary>The request that creates this library again (folders as stored: real paths under the roots).</summary>
    public static LibraryRequest ToRequest(Library l) => new(l.Name, l.Folders, l.Include, l.Exclude, l.Profile, l.Action, l.ArchiveFolder,
        l.OutputFolder, l.WindowStart?.ToString("HH:mm", CultureInfo.InvariantCulture), l.WindowEnd?.ToString("HH:mm", CultureInfo.InvariantCulture));
}
