namespace Gilgamesh.Tests.Support;

/// <summary>
/// A scratch folder under /tmp, removed on dispose. /tmp keeps it reachable by the unprivileged user
/// that runs an embedded PostgreSQL server when tests run as root.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "gilgamesh-test")
    {
        Path = System.IO.Path.Combine("/tmp", $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(Path);
        // The embedded server's user must be able to traverse into the data dir.
        File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
