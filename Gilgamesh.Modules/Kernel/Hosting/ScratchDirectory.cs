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
        var path = System.IO.Path.Combine(Root(options), $"{owner}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        try
        {
            return new ScratchDirectory(path, ScratchOwnerLock.Take(path));
        }
        catch
        {
            Directory.Delete(path, recursive: true);
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
