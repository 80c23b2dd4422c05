using System.Reflection;
using System.Runtime.InteropServices;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Finds and loads native/faiss/libgilgamesh_faiss.so and points the <see cref="FaissNative"/> imports at it.
/// Order: the file named by GILGAMESH_FAISS_LIBRARY (authoritative when set); the repository's build output
/// (walking up from the binary to the folder holding Gilgamesh.sln); the binary's own folder.
/// The first successful load is kept for the whole process (a DllImport resolver is per assembly and final).
/// </summary>
internal static class FaissNativeLibrary
{
    public const string PathVariable = "GILGAMESH_FAISS_LIBRARY";
    public const string FileName = "libgilgamesh_faiss.so";
    public const string BuildHint = "run native/faiss/build.sh (needs g++, libfaiss-dev, libopenblas-dev)";

    private static readonly Lock Gate = new();
    private static nint _handle;
    private static string? _loadedPath;
    private static FaissLoadResult? _defaultResult;
    private static bool _resolverInstalled;
    private static string? _blasCore;
    // OPENBLAS_CORETYPE is read when libopenblas loads, i.e. with the first shim load; later loads reuse it.
    private static readonly Lazy<string?> BlasCoreNote = new(OpenBlasCoreType.ApplyIfUnset);

    /// <summary>Loads from the default locations once per process and remembers the outcome.</summary>
    public static FaissLoadResult LoadDefault()
    {
        lock (Gate) return _defaultResult ??= Load(CandidatePaths());
    }

    /// <summary>Loads from exactly <paramref name="path"/> (tests use a missing file to exercise the fallback).</summary>
    public static FaissLoadResult LoadFrom(string path)
    {
        lock (Gate) return Load([path]);
    }

    public static IReadOnlyList<string> CandidatePaths()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return [Path.GetFullPath(fromEnvironment)];
        var paths = new List<string>();
        var repo = FindRepositoryRoot(AppContext.BaseDirectory);
        if (repo is not null) paths.Add(Path.Combine(repo, "native", "faiss", FileName));
        paths.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        return paths;
    }

    private static FaissLoadResult Load(IReadOnlyList<string> paths)
    {
        var reasons = new List<string>();
        foreach (var path in paths)
        {
            if (_loadedPath == path) return Loaded(path, $"FAISS shim loaded from {path}");
            if (!File.Exists(path))
            {
                reasons.Add($"{path}: not found");
                continue;
            }
            _ = BlasCoreNote.Value;
            if (!NativeLibrary.TryLoad(path, out var handle))
            {
                reasons.Add($"{path}: the dynamic loader refused it (missing libopenblas0/libgomp1?)");
                continue;
            }
            if (!NativeLibrary.TryGetExport(handle, "gf_abi_version", out var versionExport))
            {
                reasons.Add($"{path}: not a Gilgamesh FAISS shim (no gf_abi_version)");
                continue;
            }
            unsafe
            {
                var version = ((delegate* unmanaged<int>)versionExport)();
                if (version != FaissNative.AbiVersion)
                {
                    reasons.Add($"{path}: ABI version {version}, expected {FaissNative.AbiVersion} (stale build)");
                    continue;
                }
            }
            if (_handle != 0)
            {
                // Already bound to another file; the imports keep using the first one.
                return Loaded(_loadedPath!, $"FAISS shim already loaded from {_loadedPath}");
            }
            if (!_resolverInstalled)
            {
                try
                {
                    NativeLibrary.SetDllImportResolver(typeof(FaissNative).Assembly, Resolve);
                    _resolverInstalled = true;
                }
                catch (InvalidOperationException e)
                {
                    return new FaissLoadResult(false, path, $"cannot install the FAISS import resolver: {e.Message}");
                }
            }
            _handle = handle;
            _loadedPath = path;
            _blasCore = ReadBlasCore(handle);
            return Loaded(path, $"FAISS shim loaded from {path}");
        }
        return new FaissLoadResult(false, null, $"FAISS shim unavailable ({string.Join("; ", reasons)}); {BuildHint}");
    }

    private static FaissLoadResult Loaded(string path, string message)
    {
        var note = BlasCoreNote.Value is { } set ? $"; {set}" : "";
        return new FaissLoadResult(true, path, $"{message} (OpenBLAS kernels: {_blasCore ?? "unknown"}{note})", _blasCore);
    }

    private static unsafe string? ReadBlasCore(nint handle) =>
        NativeLibrary.TryGetExport(handle, "gf_blas_core", out var export)
            ? Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)export)())
            : null;

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == FaissNative.LibraryName ? _handle : 0;

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds Gilgamesh.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gilgamesh.sln"))) return dir.FullName;
        return null;
    }
}
