using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Saves a <see cref="VectorDataSet"/> to object storage and reads it back. Only the data is stored, not a
/// FAISS index: rebuilding a flat index from the vectors is a copy, and keeping FAISS's own format out of
/// storage means the managed fallback can load every saved index.
/// Format, little-endian: "GVEC" · u32 version (1) · i32 dimension · i64 count · count×dimension f32
/// (unit vectors) · count i64 ids · i64 byte length + UTF-8 JSON array of metadata objects.
/// </summary>
internal static class VectorIndexFile
{
    public const uint FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "GVEC"u8;
    private const int HeaderSize = 4 + 4 + 4 + 8;

    public static async Task SaveAsync(IObjectStore store, string key, VectorDataSet data, CancellationToken ct = default)
    {
        // Written to a temp file first: the store wants a stream, and hundreds of MB should not sit in a MemoryStream.
        var temp = Path.Combine(Path.GetTempPath(), $"gilgamesh-vectors-{Guid.NewGuid():N}.bin");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                Write(file, data);
            await using var read = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            await store.PutAsync(key, read, "application/octet-stream", ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static async Task<VectorDataSet> LoadAsync(IObjectStore store, string key, CancellationToken ct = default)
    {
        await using var stream = await store.OpenReadAsync(key, null, ct).ConfigureAwait(false);
        return await Task.Run(() => Read(stream, key), ct).ConfigureAwait(false);
    }

    public static void Write(Stream output, VectorDataSet data)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], data.Dimension);
        BinaryPrimitives.WriteInt64LittleEndian(header[12..], data.Count);
        output.Write(header);
        output.Write(MemoryMarshal.AsBytes(data.Vectors.AsSpan()));
        output.Write(MemoryMarshal.AsBytes(data.Ids.AsSpan()));

        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var metadata in data.Metadata) metadata.WriteJson(writer);
            writer.WriteEndArray();
        }
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, json.Length);
        output.Write(length);
        json.Position = 0;
        json.CopyTo(output);
    }

    public static VectorDataSet Read(Stream input, string name)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("vector files are little-endian");
        Span<byte> header = stackalloc byte[HeaderSize];
        ReadExactly(input, header, name);
        if (!header[..4].SequenceEqual(Magic)) throw Corrupt(name, "not a Gilgamesh vector file (bad magic)");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (version != FormatVersion) throw Corrupt(name, $"format version {version}, this build reads {FormatVersion}");
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var count = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        if (dimension <= 0 || count < 0 || count * dimension > Array.MaxLength) throw Corrupt(name, $"impossible size {count} × {dimension}");

        var vectors = VectorDataSet.AllocateVectors((int)(count * dimension));
        ReadExactly(input, MemoryMarshal.AsBytes(vectors.AsSpan()), name);
        var ids = new long[count];
        ReadExactly(input, MemoryMarshal.AsBytes(ids.AsSpan()), name);

        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(input, lengthBytes, name);
        var jsonLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (jsonLength < 0 || jsonLength > Array.MaxLength) throw Corrupt(name, "bad metadata length");
        var json = new byte[jsonLength];
        ReadExactly(input, json, name);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.GetArrayLength() != count) throw Corrupt(name, "metadata count differs from vector count");
        var metadata = document.RootElement.EnumerateArray().Select(VectorMetadata.FromJson).ToArray();
        return VectorDataSet.FromStored(dimension, vectors, ids, metadata);
    }

    private static void ReadExactly(Stream input, Span<byte> buffer, string name)
    {
        try
        {
            input.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw Corrupt(name, "truncated");
        }
    }

    private static GilgameshException Corrupt(string name, string why) =>
        new(ErrorCodes.VectorIndexCorrupt, $"Vector file '{name}' is unreadable: {why}.", 500);
}
