namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>A folder for an operation's intermediate files, beside its output (inside the caller's roots), deleted afterwards.</summary>
internal sealed class RenderScratch : IDisposable
{
    public RenderScratch(RenderOutput output)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(output.Final)!, $".render-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the scratch sweeper of the data dir removes what is left.
        }
    }
}
