namespace Gilgamesh.Tests.Support;

/// <summary>Finds the repository and build outputs from the test binary's folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestBin => AppContext.BaseDirectory;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gilgamesh.sln"))) return dir.FullName;
        throw new InvalidOperationException("Gilgamesh.sln not found above " + AppContext.BaseDirectory);
    }
}
