using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Database;

/// <summary>An applied migration file was edited afterwards; the schema on disk no longer matches history.</summary>
public sealed class MigrationChecksumException(string displayPath)
    : GilgameshException(ErrorCodes.MigrationChecksumMismatch,
        $"Migration {displayPath} was edited after it was applied (its SHA-256 differs from the journal). " +
        "Applied migrations are append-only: restore the file and put the change in a new numbered file.", 500)
{
    public string File { get; } = displayPath;
}
