namespace Gilgamesh.Modules.Kernel.Database;

/// <summary>Configuration section <c>Database</c>; the connection string itself is <c>ConnectionStrings:Postgres</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Name of the database the embedded cluster creates and the app uses.</summary>
    public string EmbeddedDatabase { get; set; } = "gilgamesh";

    /// <summary>Folder with initdb/pg_ctl/postgres; empty = PATH, then /usr/lib/postgresql/&lt;newest&gt;/bin.</summary>
    public string? EmbeddedBinDir { get; set; }

    /// <summary>Unprivileged OS user that runs the embedded server when the app runs as root.</summary>
    public string EmbeddedServerUser { get; set; } = "postgres";

    /// <summary>TCP port of the embedded server on 127.0.0.1; 0 = pick a free one on first start and keep it.</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Stop the embedded server when the app stops.</summary>
    public bool StopEmbeddedOnExit { get; set; } = true;

    /// <summary>Folder holding migrations/&lt;schema&gt;/NNNN_description.sql; empty = next to the binary.</summary>
    public string? MigrationsPath { get; set; }
}
