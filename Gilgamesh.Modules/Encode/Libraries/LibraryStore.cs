using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary><c>encode.libraries</c>.</summary>
internal sealed class LibraryStore(NpgsqlDataSource db)
{
    private const string Columns = "id, name, folders, include, exclude, profile::text as profile, profile_version, action, archive_folder, output_folder, window_start, window_end, paused";

    private const string InsertSql = """
        insert into encode.libraries (id, name, folders, include, exclude, profile, profile_version, action, archive_folder, output_folder, window_start, window_end)
        values (@Id, @Name, @Folders, @Include, @Exclude, @Profile::jsonb, @ProfileVersion, @Action, @ArchiveFolder, @OutputFolder, @WindowStart, @WindowEnd)
        on conflict (name) do nothing
        """;

    private const string SelectAllSql = $"select {Columns} from encode.libraries order by name";
    private const string SelectOneSql = $"select {Columns} from encode.libraries where id = @id";
    private const string SetPausedSql = "update encode.libraries set paused = @paused where id = @id";

    /// <returns>False when a library of that name exists.</returns>
    public async Task<bool> InsertAsync(Library library, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            library.Id, library.Name, library.Folders, library.Include, library.Exclude,
            Profile = JsonSerializer.Serialize(library.Profile, EncodeJson.Options), library.ProfileVersion, library.Action,
            library.ArchiveFolder, library.OutputFolder,
            WindowStart = library.WindowStart?.ToString("HH:mm", CultureInfo.InvariantCulture),
            WindowEnd = library.WindowEnd?.ToString("HH:mm", CultureInfo.InvariantCulture),
        }, cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<Library>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(SelectAllSql, cancellationToken: ct))).Select(r => r.ToLibrary()).ToList();
    }

    public async Task<Library?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SelectOneSql, new { id }, cancellationToken: ct)))?.ToLibrary();
    }

    public async Task<bool> SetPausedAsync(Guid id, bool paused, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(SetPausedSql, new { id, paused }, cancellationToken: ct)) == 1;
    }

    // Init properties, not a positional record: Dapper's constructor matching does not take text[] columns.
    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string[] Folders { get; init; } = [];
        public string[] Include { get; init; } = [];
        public string[] Exclude { get; init; } = [];
        public string Profile { get; init; } = "{}";
        public string ProfileVersion { get; init; } = "";
        public string Action { get; init; } = "";
        public string? ArchiveFolder { get; init; }
        public string? OutputFolder { get; init; }
        public string? WindowStart { get; init; }
        public string? WindowEnd { get; init; }
        public bool Paused { get; init; }

        public Library ToLibrary() => new(Id, Name, Folders, Include, Exclude,
            JsonSerializer.Deserialize<EncodeProfile>(Profile, EncodeJson.Options)!, ProfileVersion, Action, ArchiveFolder, OutputFolder,
            WindowStart is null ? null : TimeOnly.ParseExact(WindowStart, "HH:mm", CultureInfo.InvariantCulture),
            WindowEnd is null ? null : TimeOnly.ParseExact(WindowEnd, "HH:mm", CultureInfo.InvariantCulture), Paused);
    }
}
