namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>
/// A job's private working folder under <c>&lt;DataDir&gt;/tmp</c>, removed on dispose whatever happened;
/// what a crash leaves behind is removed by <see cref="ScratchSweeper"/> at the next start.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private ScratchDirectory(string path) => Path = path;

    public string Path { get; }

    public static ScratchDirectory Create(GilgameshOptions options, string owner)
    {
        var path = System.IO.Path.Combine(Root(options), $"{owner}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new ScratchDirectory(path);
    }

    public static string Root(GilgameshOptions options) => System.IO.Path.Combine(options.DataDirFullPath, "tmp");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
