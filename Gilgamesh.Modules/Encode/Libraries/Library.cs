namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary>A row of <c>encode.libraries</c>.</summary>
internal sealed record Library(
    Guid Id,
    string Name,
    string[] Folders,
    string[] Include,
    string[] Exclude,
    EncodeProfile Profile,
    string ProfileVersion,
    string Action,
    string? ArchiveFolder,
    string? OutputFolder,
    TimeOnly? WindowStart,
    TimeOnly? WindowEnd,
    bool Paused)
{
    public const string ReplaceAndArchive = "replace-and-archive";
    public const string KeepBoth = "keep-both";
    public const string WriteElsewhere = "write-elsewhere";

    /// <summary>Where outputs that failed verification go, with a <c>.reason.txt</c> beside each.</summary>
    public string QuarantineFolder => Path.Combine(Folders[0], ".gilgamesh-quarantine");

    /// <summary>Folders whose files are the module's own and never enter the queue.</summary>
    public IEnumerable<string> OwnFolders =>
        new[] { ArchiveFolder, OutputFolder, QuarantineFolder, Path.Combine(Folders[0], ".gilgamesh-work") }.OfType<string>();

    /// <summary>Encoding may start now: inside the schedule window (or none set). A window may wrap midnight.</summary>
    public bool InWindow(TimeOnly now) => (WindowStart, WindowEnd) switch
    {
        ({ } start, { } end) when start <= end => now >= start && now < end,
        ({ } start, { } end) => now >= start || now < end,
        _ => true,
    };
}
