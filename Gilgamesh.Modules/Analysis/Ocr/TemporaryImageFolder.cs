namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>A private temp folder for the images handed to tesseract; removed on dispose, also after errors and cancellation.</summary>
internal sealed class TemporaryImageFolder : IDisposable
{
    public TemporaryImageFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gilgamesh-ocr-" + Guid.NewGuid().ToString("N")[..12]);
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
            // Best effort: a leftover folder in /tmp is harmless and swept by the OS.
        }
    }
}
