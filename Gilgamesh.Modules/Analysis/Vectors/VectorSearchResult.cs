namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// One hit: the item's id and its cosine similarity to the query, computed in double precision from the
/// stored float vectors, so the FAISS and managed paths report the same number for the same item.
/// </summary>
internal readonly record struct VectorSearchResult(long Id, double Score);
