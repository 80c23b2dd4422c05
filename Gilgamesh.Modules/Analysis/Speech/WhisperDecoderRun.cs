using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// One decoding pass over one window with the merged decoder's KV cache. The first call runs the no-cache
/// branch (<c>use_cache_branch</c> false, empty past tensors) on the whole prompt; later calls feed one
/// token with <c>use_cache_branch</c> true and the previous call's <c>present.*.decoder.*</c> as past. The
/// cross-attention cache (<c>present.*.encoder.*</c>) only changes with the audio, so the first call's copy
/// is kept for the whole pass, as Transformers.js does.
/// </summary>
internal sealed class WhisperDecoderRun : IDisposable
{
    private readonly WhisperOnnxModel _model;
    private readonly OrtValue _encoderStates;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly List<OrtValue> _empty = [];
    private IDisposableReadOnlyCollection<OrtValue>? _first;
    private IDisposableReadOnlyCollection<OrtValue>? _latest;
    private readonly int[] _attentionLayers;

    public WhisperDecoderRun(WhisperOnnxModel model, OrtValue encoderStates)
    {
        _model = model;
        _encoderStates = encoderStates;
        var inputs = new List<string> { "input_ids", "encoder_hidden_states" };
        var outputs = new List<string> { "logits" };
        for (var i = 0; i < model.Layers; i++)
        {
            foreach (var kind in WhisperExportSignature.Kinds)
            {
                inputs.Add(WhisperExportSignature.Past(i, kind));
                outputs.Add(WhisperExportSignature.Present(i, kind));
            }
        }
        inputs.Add("use_cache_branch");
        _attentionLayers = model.AlignmentHeads.Select(h => h.Layer).Distinct().ToArray();
        outputs.AddRange(_attentionLayers.Select(WhisperExportSignature.CrossAttentions));
        _inputNames = [.. inputs];
        _outputNames = [.. outputs];
    }

    /// <summary>Tokens fed so far (the self-attention cache length).</summary>
    public int Length { get; private set; }

    public int VocabularySize { get; private set; }

    /// <summary>
    /// After each <see cref="Run"/>: the alignment heads' cross-attention of the last fed position over the
    /// encoder frames ([head][frame]), i.e. at the step that produced the next token; null without alignment heads.
    /// </summary>
    public float[][]? LastAttention { get; private set; }

    /// <summary>Feeds <paramref name="tokens"/> and returns the logits rows asked for (indices into <paramref name="tokens"/>).</summary>
    public float[][] Run(IReadOnlyList<int> tokens, params int[] rows)
    {
        var ids = tokens.Select(t => (long)t).ToArray();
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var useCache = OrtValue.CreateTensorValueFromMemory(new[] { _first is not null }, [1]);
        var values = new List<OrtValue> { inputIds, _encoderStates };
        for (var i = 0; i < _model.Layers; i++)
        {
            for (var k = 0; k < WhisperExportSignature.Kinds.Length; k++)
            {
                // Output order is logits then the presents in input order: present index = 1 + 4i + k.
                var present = 1 + i * WhisperExportSignature.Kinds.Length + k;
                var isEncoder = k >= 2;
                values.Add(_first is null ? Empty() : isEncoder ? _first[present] : _latest![present]);
            }
        }
        values.Add(useCache);

        var outputs = _model.Decoder.Run(_runOptions, _inputNames, values, _outputNames);
        var logits = outputs[0];
        var shape = logits.GetTensorTypeAndShape().Shape;
        VocabularySize = (int)shape[2];
        var all = logits.GetTensorDataAsSpan<float>();
        var result = new float[rows.Length][];
        for (var r = 0; r < rows.Length; r++) result[r] = all.Slice(rows[r] * VocabularySize, VocabularySize).ToArray();

        if (_attentionLayers.Length > 0) LastAttention = CaptureAttention(outputs);

        if (_first is null) _first = outputs;
        else if (!ReferenceEquals(_latest, _first)) _latest?.Dispose();
        _latest = outputs;
        Length += ids.Length;
        return result;
    }

    private float[][] CaptureAttention(IDisposableReadOnlyCollection<OrtValue> outputs)
    {
        var firstAttention = 1 + _model.Layers * WhisperExportSignature.Kinds.Length;
        var rows = new float[_model.AlignmentHeads.Count][];
        for (var a = 0; a < rows.Length; a++)
        {
            var (layer, head) = _model.AlignmentHeads[a];
            var value = outputs[firstAttention + Array.IndexOf(_attentionLayers, layer)];
            var shape = value.GetTensorTypeAndShape().Shape; // [1, heads, seq, frames]
            var (heads, seq, frames) = ((int)shape[1], (int)shape[2], (int)shape[3]);
            rows[a] = value.GetTensorDataAsSpan<float>().Slice(((head % heads) * seq + seq - 1) * frames, frames).ToArray();
        }
        return rows;
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_latest, _first)) _latest?.Dispose();
        _first?.Dispose();
        foreach (var e in _empty) e.Dispose();
        _runOptions.Dispose();
    }

    private OrtValue Empty()
    {
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, [1, _model.Heads, 0, _model.HeadDim]);
        _empty.Add(value);
        return value;
    }
}
