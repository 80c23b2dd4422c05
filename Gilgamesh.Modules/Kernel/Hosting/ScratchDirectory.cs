using Microsoft.Win32.SafeHandles;

namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>
/// A job's private working folder under <c>&lt;DataDir&gt;/tmp</c>, removed on dispose whatever happened. It holds
/// the lock of its <see cref="ScratchOwnerLock"/> while it exists, so what a crash leaves behind is told apart from
/// folders in use and removed by <see cref="ScratchSweeper"/> at the next start.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private readonly SafeFileHandle? _ownerLock;

    private ScratchDirectory(string path, SafeFileHandle? ownerLock)
    {
        Path = path;
        _ownerLock = ownerLock;
    }

    public string Path { get; }

    public static ScratchDirectory Create(GilgameshOptions options, string owner)
    {
        var name = $"{owner}-{Guid.NewGuid():N}";
        var path = System.IO.Path.Combine(Root(options), name);
        // Made under a staging name and renamed once locked: the final name never exists without its lock, so a
        // crash between the two steps cannot leave a folder that looks unmarked (kept for an hour) under it.
        var staging = System.IO.Path.Combine(Root(options), $".new-{name}");
        Directory.CreateDirectory(staging);
        SafeFileHandle? ownerLock = null;
        try
        {
            ownerLock = ScratchOwnerLock.Take(staging);
            Directory.Move(staging, path);
            return new ScratchDirectory(path, ownerLock);
        }
        catch
        {
            ownerLock?.Dispose();
            foreach (var leftover in new[] { staging, path }.Where(Directory.Exists))
            {
                Directory.Delete(leftover, recursive: true);
            }

            throw;
        }
    }

    public static string Root(GilgameshOptions options) => System.IO.Path.Combine(options.DataDirFullPath, "tmp");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            // Removed while still locked, so a sweep starting meanwhile never takes a half-deleted folder for abandoned.
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        finally
        {
            _ownerLock?.Dispose();
        }
    }
}
