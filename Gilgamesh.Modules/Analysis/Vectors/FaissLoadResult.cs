namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>Whether the FAISS shim is usable, from which file, and if not, why (with the fix).</summary>
internal sealed record FaissLoadResult(bool Loaded, string? Path, string Message);
