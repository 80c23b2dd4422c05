using System.Buffers.Binary;
using System.Text;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Speech.Ggml;

/// <summary>What a whisper.cpp model file holds, read without loading the weights.</summary>
internal sealed record GgmlModelSummary(string Path, long Bytes, GgmlHyperParameters Parameters, int VocabularyTokens, int Tensors);

/// <summary>
/// Reads and checks a whisper.cpp (ggml) model file the way whisper.cpp's loader walks it: magic, hyper
/// parameters, mel filters, vocabulary, then every tensor record (dims, name, element type, data). A file is
/// valid when every tensor's data size agrees with its element type and shape, the tensor count matches the
/// layer counts, and the records end exactly at the end of the file — so a truncated download or a file of
/// another format is caught before whisper.cpp sees it.
/// </summary>
internal static class GgmlModelFile
{
    /// <summary>True when the file starts with the ggml magic (cheap: for availability checks).</summary>
    public static bool HasMagic(string path)
    {
        if (!File.Exists(path)) return false;
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == GgmlHyperParameters.Magic;
    }

    /// <summary>Walks the whole file; throws <c>speech.model_invalid</c> naming the first problem.</summary>
    public static GgmlModelSummary Verify(string path)
    {
        if (!File.Exists(path)) throw new GilgameshException(SpeechErrorCodes.ModelMissing, $"no ggml model at {path}", 503);
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var length = stream.Length;
        try
        {
            if (reader.ReadUInt32() != GgmlHyperParameters.Magic) throw Invalid(path, "not a ggml file (bad magic)");
            var p = new GgmlHyperParameters(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(),
                reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            if (p.AudioState != p.TextState || p.AudioState <= 0 || p.AudioLayers <= 0 || p.TextLayers <= 0 || p.MelBins is not (80 or 128))
                throw Invalid(path, $"implausible hyper parameters {p}");

            var filterMels = reader.ReadInt32();
            var filterBins = reader.ReadInt32();
            if (filterMels <= 0 || filterBins <= 0 || filterMels * (long)filterBins > 1 << 20) throw Invalid(path, $"implausible mel filter bank {filterMels}×{filterBins}");
            stream.Seek(4L * filterMels * filterBins, SeekOrigin.Current);

            var vocabulary = reader.ReadInt32();
            if (vocabulary <= 0 || vocabulary > p.Vocab) throw Invalid(path, $"vocabulary of {vocabulary} tokens, hyper parameters say {p.Vocab}");
            for (var i = 0; i < vocabulary; i++) stream.Seek(reader.ReadUInt32(), SeekOrigin.Current);

            var tensors = 0;
            while (stream.Position < length)
            {
                var dims = reader.ReadInt32();
                var nameLength = reader.ReadInt32();
                var type = reader.ReadInt32();
                if (dims is < 1 or > 4 || nameLength is <= 0 or > 256) throw Invalid(path, $"tensor record {tensors} is malformed");
                long elements = 1;
                for (var d = 0; d < dims; d++) elements *= reader.ReadInt32();
                var name = Encoding.UTF8.GetString(reader.ReadBytes(nameLength));
                var bytes = GgmlTensorType.Bytes(type, elements) ?? throw Invalid(path, $"tensor {name} has unknown element type {type}");
                if (stream.Position + bytes > length) throw Invalid(path, $"file ends inside tensor {name} (truncated download?)");
                stream.Seek(bytes, SeekOrigin.Current);
                tensors++;
            }
            if (tensors != p.TensorCount) throw Invalid(path, $"{tensors} tensors, a {p.AudioLayers}+{p.TextLayers}-layer model has {p.TensorCount}");
            return new GgmlModelSummary(path, length, p, vocabulary, tensors);
        }
        catch (EndOfStreamException)
        {
            throw Invalid(path, "file ends early (truncated download?)");
        }
    }

    private static GilgameshException Invalid(string path, string problem) =>
        new(SpeechErrorCodes.ModelInvalid, $"ggml model {path}: {problem}", 500);
}
