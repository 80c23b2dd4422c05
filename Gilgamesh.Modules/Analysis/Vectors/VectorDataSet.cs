using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// The immutable contents of an index: unit-length vectors in one row-major block, their ids and metadata.
/// Search engines see rows (positions 0..Count-1); ids and metadata stay here on the managed side.
/// </summary>
internal sealed class VectorDataSet
{
    private VectorDataSet(int dimension, float[] vectors, long[] ids, VectorMetadata[] metadata)
    {
        Dimension = dimension;
        Vectors = vectors;
        Ids = ids;
        Metadata = metadata;
        Columns = new VectorMetadataColumns(metadata);
    }

    public int Dimension { get; }
    public int Count => Ids.Length;

    /// <summary>Count × Dimension floats, pinned so native code can read them without copying per call.</summary>
    public float[] Vectors { get; }

    public long[] Ids { get; }
    public VectorMetadata[] Metadata { get; }
    public VectorMetadataColumns Columns { get; }

    public ReadOnlySpan<float> Row(int row) => Vectors.AsSpan(row * Dimension, Dimension);

    /// <summary>
    /// Validates (same dimension, finite, non-zero, unique ids) and normalises the rows. With no rows,
    /// <paramref name="dimension"/> fixes the dimension; otherwise the first row does unless it is given.
    /// </summary>
    public static VectorDataSet Build(IEnumerable<VectorRow> rows, int? dimension = null)
    {
        var list = rows as IReadOnlyList<VectorRow> ?? rows.ToList();
        var dim = dimension ?? (list.Count > 0 ? list[0].Vector.Length : 0);
        if (dim <= 0)
            throw new GilgameshException(ErrorCodes.VectorInvalidArgument, "An index needs a dimension: pass rows or an explicit dimension.");
        var vectors = AllocateVectors(checked(list.Count * dim));
        var ids = new long[list.Count];
        var metadata = new VectorMetadata[list.Count];
        var seen = new HashSet<long>();
        for (var row = 0; row < list.Count; row++)
        {
            var item = list[row];
            if (!seen.Add(item.Id))
                throw new GilgameshException(ErrorCodes.VectorDuplicateId, $"Id {item.Id} appears more than once.");
            VectorValidation.NormaliseInto(item.Vector, vectors.AsSpan(row * dim, dim), dim, $"Vector of id {item.Id}");
            ids[row] = item.Id;
            metadata[row] = item.Metadata ?? VectorMetadata.Empty;
        }
        return new VectorDataSet(dim, vectors, ids, metadata);
    }

    /// <summary>A pinned block for <paramref name="length"/> floats, as <see cref="FromStored"/> requires.</summary>
    public static float[] AllocateVectors(int length) => GC.AllocateUninitializedArray<float>(length, pinned: true);

    /// <summary>
    /// Wraps already-normalised data read back from storage (values are still checked to be finite).
    /// <paramref name="vectors"/> must come from <see cref="AllocateVectors"/>.
    /// </summary>
    public static VectorDataSet FromStored(int dimension, float[] vectors, long[] ids, VectorMetadata[] metadata)
    {
        for (var i = 0; i < vectors.Length; i++)
            if (!float.IsFinite(vectors[i]))
                throw new GilgameshException(ErrorCodes.VectorIndexCorrupt, $"Stored vector {i / dimension} has a non-finite value.");
        return new VectorDataSet(dimension, vectors, ids, metadata);
    }
}
