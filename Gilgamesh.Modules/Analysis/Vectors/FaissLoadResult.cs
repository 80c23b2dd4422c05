namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Whether the FAISS shim is usable, from which file, and if not, why (with the fix). <paramref name="BlasCore"/>
/// is OpenBLAS's kernel set when loaded (see <see cref="OpenBlasCoreType"/>).
/// </summary>
internal sealed record FaissLoadResult(bool Loaded, string? Path, string Message, string? BlasCore = null);
