namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>
/// Where an operation writes before its output is complete: a hidden name beside the output (same file system,
/// so the final rename is atomic), removed when the operation fails or is cancelled. Never a partial output.
/// </summary>
internal sealed class RenderOutput : IDisposable
{
    public RenderOutput(string output)
    {
        QuotedPath.Require(output, nameof(output));
        Final = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(Final) ?? throw new ArgumentException("the output needs a folder", nameof(output));
        Directory.CreateDirectory(folder);
        Temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(Final)}.{Guid.NewGuid():N}.partial{Path.GetExtension(Final)}");
    }

    public string Final { get; }

    public string Temporary { get; }

    public void Commit() => File.Move(Temporary, Final, overwrite: true);

    public void Dispose()
    {
        if (File.Exists(Temporary))
        {
            File.Delete(Temporary);
        }
    }
}
