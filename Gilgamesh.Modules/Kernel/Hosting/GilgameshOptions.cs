namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>Top-level options (configuration section <c>Gilgamesh</c>).</summary>
public sealed class GilgameshOptions
{
    public const string Section = "Gilgamesh";

    /// <summary>Where the app keeps everything it writes: embedded cluster, objects, temp files, secrets.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Absolute, normalised <see cref="DataDir"/>.</summary>
    public string DataDirFullPath => Path.GetFullPath(DataDir);

    /// <summary>Extra module assemblies (file paths) to scan besides Gilgamesh.Modules.</summary>
    public List<string> ModuleAssemblies { get; set; } = [];
}
