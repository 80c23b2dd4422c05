#!/usr/bin/python3
"""Builds two tiny Whisper exports for the C# decoding tests (Debian python3-onnx, numpy).

Same file names, input/output names and rank layout as the Optimum / Transformers.js export
(encoder_model.onnx, decoder_model_merged.onnx with past_key_values.{i}.decoder|encoder.key|value,
use_cache_branch and an If node choosing the no-cache or cache branch; present.* outputs), with tiny
dimensions (80 mels, d_model 8, 2 decoder layers, 2 heads of 4) and a vocabulary subset in the real
format (byte-level vocab.json, special tokens in tokenizer.json's added_tokens, timestamps after
<|notimestamps|>). The weights are arranged, not learned:

* tiny-whisper: logits are a one-hot of a scripted token for the absolute position, and the position is
  the self-attention cache length (from past_key_values.0.decoder.key) plus the index in input_ids -- so
  only a decoder that feeds present.* back as past gets the script right. Each position also checks that
  it was fed the expected token, else it answers " WRONG". Greedy decoding yields
  <|0.00|> Hello world.<|1.50|><|1.50|> This is a café<|3.20|><|endoftext|>.
* tiny-whisper-loop: a bigram table; after " la" come " la" and <|1.00|> with equal logits. Greedy
  (first maximum) loops on " la" until the length limit -- compression ratio far above 2.4 -- so the
  temperature fallback must sample, which ends the loop with <|1.00|><|endoftext|>.
* tiny-whisper-words: tiny-whisper plus cross_attentions.{i} outputs (as the "timestamped" exports) and
  alignment_heads: each step attends to a known box of encoder frames, so word times come from alignment.

Usage: /usr/bin/python3 make_tiny_whisper.py OUTPUT_FOLDER   (writes OUTPUT_FOLDER/tiny-whisper{,-loop,-words}/)
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

N_MELS, D_MODEL, LAYERS, HEADS = 80, 8, 2, 2
HEAD_DIM = D_MODEL // HEADS
ENC_FRAMES = 1500
HIGH, LOW = 20.0, -10000.0  # LOW: no background mass, so sums over 1501 timestamps never outweigh a text token
OPSET = 17


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1)) + list(range(ord("\xae"), ord("\xff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE = bytes_to_unicode()
WORDS = ["!", ".", ",", " ", "e", " the", " Hello", " world", " This", " is", " a", " test", " caf", "é", " la", " WRONG", " gr", "üß", "\n"]
VOCAB = {"".join(BYTE[b] for b in w.encode("utf-8")): i for i, w in enumerate(WORDS)}
SPECIALS = ["<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|de|>", "<|fr|>", "<|translate|>", "<|transcribe|>",
            "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"]
SPECIAL = {s: len(WORDS) + i for i, s in enumerate(SPECIALS)}
TS_BEGIN = len(WORDS) + len(SPECIALS)
VOCAB_SIZE = TS_BEGIN + 1501


def word(w):
    return WORDS.index(w)


def ts(seconds):
    return TS_BEGIN + int(round(seconds / 0.02))


def write_json(folder, name, value):
    with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


def write_tokenizer_and_config(folder, alignment_heads=None):
    write_json(folder, "vocab.json", VOCAB)
    write_json(folder, "tokenizer.json", {
        "version": "1.0",
        "added_tokens": [{"id": i, "content": s, "special": True, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False}
                         for s, i in SPECIAL.items()],
        "model": {"type": "BPE"},
    })
    write_json(folder, "config.json", {
        "model_type": "whisper", "num_mel_bins": N_MELS, "d_model": D_MODEL, "encoder_layers": 1, "decoder_layers": LAYERS,
        "encoder_attention_heads": HEADS, "decoder_attention_heads": HEADS, "max_source_positions": ENC_FRAMES,
        "max_target_positions": 448, "vocab_size": VOCAB_SIZE,
    })
    write_json(folder, "generation_config.json", {
        "decoder_start_token_id": SPECIAL["<|startoftranscript|>"], "eos_token_id": SPECIAL["<|endoftext|>"],
        "no_timestamps_token_id": SPECIAL["<|notimestamps|>"], "prev_sot_token_id": SPECIAL["<|startofprev|>"],
        "is_multilingual": True, "max_initial_timestamp_index": 50,
        "lang_to_id": {s: SPECIAL[s] for s in ("<|en|>", "<|de|>", "<|fr|>")},
        "task_to_id": {"transcribe": SPECIAL["<|transcribe|>"], "translate": SPECIAL["<|translate|>"]},
        "suppress_tokens": [word("!")], "begin_suppress_tokens": [word(" "), SPECIAL["<|endoftext|>"]],
        **({"alignment_heads": alignment_heads} if alignment_heads else {}),
    })


def save(model, path):
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def make_encoder(path):
    # input_features [b, 80, 3000] -> mean of frame pairs (the real conv stride 2) -> [b, 1500, 8]
    rng = np.random.RandomState(7)
    w = numpy_helper.from_array((rng.randn(N_MELS, D_MODEL) * 0.1).astype(np.float32), "proj")
    nodes = [
        helper.make_node("Reshape", ["input_features", "pairs_shape"], ["pairs"]),
        helper.make_node("ReduceMean", ["pairs"], ["pooled"], axes=[3], keepdims=0),
        helper.make_node("Transpose", ["pooled"], ["frames"], perm=[0, 2, 1]),
        helper.make_node("MatMul", ["frames", "proj"], ["last_hidden_state"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_whisper_encoder",
        [helper.make_tensor_value_info("input_features", TensorProto.FLOAT, ["batch_size", N_MELS, 3000])],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch_size", ENC_FRAMES, D_MODEL])],
        [w, numpy_helper.from_array(np.array([0, N_MELS, ENC_FRAMES, 2], dtype=np.int64), "pairs_shape")])
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="gilgamesh-tests"), path)


def kv_name(prefix, i, kind):
    return f"{prefix}.{i}.{kind}"


KINDS = ["decoder.key", "decoder.value", "encoder.key", "encoder.value"]


def make_decoder(path, choose_nodes, initializers, extra_outputs=()):
    """Shared skeleton: cache length via an If on use_cache_branch, present.* like the real export.
    choose_nodes(ids_flat, positions) -> nodes producing 'logits_2d' [seq, vocab]."""
    c = lambda name, arr: initializers.append(numpy_helper.from_array(np.array(arr), name))
    c("zero", np.int64(0))
    c("one", np.int64(1))
    c("two", np.int64(2))
    c("kv_axes", np.array([1, 3], dtype=np.int64))
    c("kv_expand", np.array([1, HEADS, 1, HEAD_DIM], dtype=np.int64))
    c("enc_shape", np.array([0, -1, HEADS, HEAD_DIM], dtype=np.int64))
    c("flat", np.array([-1], dtype=np.int64))
    c("batch_axis", np.array([0], dtype=np.int64))

    nodes = [
        # New self-attention cache rows: the fed token ids, broadcast to [b, heads, seq, head_dim].
        helper.make_node("Cast", ["input_ids"], ["ids_float"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["ids_float", "kv_axes"], ["ids_4d"]),
        helper.make_node("Expand", ["ids_4d", "kv_expand"], ["new_kv"]),
    ]

    then_nodes = [helper.make_node("Shape", [kv_name("past_key_values", 0, "decoder.key")], ["then_past_shape"]),
                  helper.make_node("Gather", ["then_past_shape", "two"], ["then_past_len"], axis=0)]
    else_nodes = [helper.make_node("Identity", ["zero"], ["else_past_len"]),
                  helper.make_node("Reshape", ["encoder_hidden_states", "enc_shape"], ["enc_heads"]),
                  helper.make_node("Transpose", ["enc_heads"], ["enc_kv"], perm=[0, 2, 1, 3])]
    then_out = [helper.make_tensor_value_info("then_past_len", TensorProto.INT64, [])]
    else_out = [helper.make_tensor_value_info("else_past_len", TensorProto.INT64, [])]
    if_outputs = ["past_len"]
    for i in range(LAYERS):
        for kind in KINDS:
            t, e = f"then_{i}_{kind}", f"else_{i}_{kind}"
            past = kv_name("past_key_values", i, kind)
            if kind.startswith("decoder"):
                then_nodes.append(helper.make_node("Concat", [past, "new_kv"], [t], axis=2))
                else_nodes.append(helper.make_node("Identity", ["new_kv"], [e]))
            else:
                then_nodes.append(helper.make_node("Identity", [past], [t]))
                else_nodes.append(helper.make_node("Identity", ["enc_kv"], [e]))
            then_out.append(helper.make_tensor_value_info(t, TensorProto.FLOAT, None))
            else_out.append(helper.make_tensor_value_info(e, TensorProto.FLOAT, None))
            if_outputs.append(kv_name("present", i, kind))
    nodes.append(helper.make_node(
        "If", ["use_cache_branch"], if_outputs,
        then_branch=helper.make_graph(then_nodes, "with_past", [], then_out),
        else_branch=helper.make_graph(else_nodes, "without_past", [], else_out)))

    nodes += [
        helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
        helper.make_node("Gather", ["ids_shape", "one"], ["seq_len"], axis=0),
        helper.make_node("Add", ["past_len", "seq_len"], ["end_pos"]),
        helper.make_node("Range", ["past_len", "end_pos", "one"], ["positions"]),
        helper.make_node("Reshape", ["input_ids", "flat"], ["ids_flat"]),
    ]
    nodes += choose_nodes()
    nodes.append(helper.make_node("Unsqueeze", ["logits_2d", "batch_axis"], ["logits"]))

    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "decoder_sequence_length"]),
              helper.make_tensor_value_info("encoder_hidden_states", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length / 2", D_MODEL])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "decoder_sequence_length", VOCAB_SIZE])]
    for i in range(LAYERS):
        for kind in KINDS:
            seq = "past_decoder_sequence_length" if kind.startswith("decoder") else "encoder_sequence_length_out"
            inputs.append(helper.make_tensor_value_info(kv_name("past_key_values", i, kind), TensorProto.FLOAT, ["batch_size", HEADS, seq, HEAD_DIM]))
            out_seq = "past_decoder_sequence_length + 1" if kind.startswith("decoder") else "encoder_sequence_length_out"
            outputs.append(helper.make_tensor_value_info(kv_name("present", i, kind), TensorProto.FLOAT, ["batch_size", HEADS, out_seq, HEAD_DIM]))
    inputs.append(helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1]))
    outputs.extend(extra_outputs)
    graph = helper.make_graph(nodes, "tiny_whisper_decoder_merged", inputs, outputs, initializers)
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="gilgamesh-tests"), path)


# Cross-attention boxes [first frame, end frame) of the step at each position (50 frames per second):
# the step that produces " Hello" (position 3) attends to 0.0-0.6 s, and so on; other steps attend nowhere.
ATTENTION = {3: (0, 30), 4: (30, 60), 5: (60, 75), 8: (75, 100), 9: (100, 115), 10: (115, 125),
             11: (125, 140), 12: (140, 150), 13: (150, 160)}


def scripted_decoder(path, with_attention=False):
    sot, en, transcribe, eot = (SPECIAL[s] for s in ("<|startoftranscript|>", "<|en|>", "<|transcribe|>", "<|endoftext|>"))
    fed = [sot, en, transcribe, ts(0.0), word(" Hello"), word(" world"), word("."), ts(1.5), ts(1.5),
           word(" This"), word(" is"), word(" a"), word(" caf"), word("é"), ts(3.2)]
    targets = fed[1:] + [eot]
    init = [numpy_helper.from_array(np.array(fed, dtype=np.int64), "expected_input"),
            numpy_helper.from_array(np.array(targets, dtype=np.int64), "target"),
            numpy_helper.from_array(np.int64(len(fed) - 1), "last_pos"),
            numpy_helper.from_array(np.int64(word(" WRONG")), "wrong"),
            numpy_helper.from_array(np.int64(VOCAB_SIZE), "depth"),
            numpy_helper.from_array(np.array([LOW, HIGH], dtype=np.float32), "onehot_values")]

    def choose():
        return [helper.make_node("Min", ["positions", "last_pos"], ["pos"]),
                helper.make_node("Gather", ["expected_input", "pos"], ["expected"], axis=0),
                helper.make_node("Gather", ["target", "pos"], ["scripted"], axis=0),
                helper.make_node("Equal", ["ids_flat", "expected"], ["fed_right"]),
                helper.make_node("Where", ["fed_right", "scripted", "wrong"], ["chosen"]),
                helper.make_node("OneHot", ["chosen", "depth", "onehot_values"], ["logits_2d"], axis=-1)]

    if not with_attention:
        make_decoder(path, choose, init)
        return

    # cross_attentions.{i} [b, heads, seq, 1500] like the "timestamped" exports: a uniform box per position.
    starts = np.zeros(len(fed), dtype=np.int64)
    ends = np.zeros(len(fed), dtype=np.int64)
    for pos, (a, b) in ATTENTION.items():
        starts[pos], ends[pos] = a, b
    init += [numpy_helper.from_array(starts, "att_start"), numpy_helper.from_array(ends, "att_end"),
             numpy_helper.from_array(np.arange(ENC_FRAMES, dtype=np.int64).reshape(1, ENC_FRAMES), "frame_index"),
             numpy_helper.from_array(np.array([1], dtype=np.int64), "att_col"),
             numpy_helper.from_array(np.array([0, 1], dtype=np.int64), "att_axes"),
             numpy_helper.from_array(np.array([1, HEADS, 1, 1], dtype=np.int64), "att_expand")]

    def choose_with_attention():
        return choose() + [
            helper.make_node("Gather", ["att_start", "pos"], ["box_start"], axis=0),
            helper.make_node("Gather", ["att_end", "pos"], ["box_end"], axis=0),
            helper.make_node("Unsqueeze", ["box_start", "att_col"], ["box_start_2d"]),
            helper.make_node("Unsqueeze", ["box_end", "att_col"], ["box_end_2d"]),
            helper.make_node("GreaterOrEqual", ["frame_index", "box_start_2d"], ["after_start"]),
            helper.make_node("Less", ["frame_index", "box_end_2d"], ["before_end"]),
            helper.make_node("And", ["after_start", "before_end"], ["in_box"]),
            helper.make_node("Cast", ["in_box"], ["box"], to=TensorProto.FLOAT),
            helper.make_node("Unsqueeze", ["box", "att_axes"], ["box_4d"]),
            helper.make_node("Expand", ["box_4d", "att_expand"], ["attention"]),
        ] + [helper.make_node("Identity", ["attention"], [f"cross_attentions.{i}"]) for i in range(LAYERS)]

    extra = [helper.make_tensor_value_info(f"cross_attentions.{i}", TensorProto.FLOAT,
                                           ["batch_size", HEADS, "decoder_sequence_length", "encoder_sequence_length_out"]) for i in range(LAYERS)]
    make_decoder(path, choose_with_attention, init, extra)


def loop_decoder(path):
    sot, en, transcribe, eot = (SPECIAL[s] for s in ("<|startoftranscript|>", "<|en|>", "<|transcribe|>", "<|endoftext|>"))
    first = np.full(VOCAB_SIZE, eot, dtype=np.int64)
    second = np.full(VOCAB_SIZE, eot, dtype=np.int64)
    for a, b, b2 in [(sot, en, en), (en, transcribe, transcribe), (transcribe, ts(0.0), ts(0.0)),
                     (ts(0.0), word(" la"), word(" la")), (word(" la"), word(" la"), ts(1.0)), (ts(1.0), eot, eot)]:
        first[a], second[a] = b, b2
    init = [numpy_helper.from_array(first, "next_a"), numpy_helper.from_array(second, "next_b"),
            numpy_helper.from_array(np.int64(VOCAB_SIZE), "depth"),
            numpy_helper.from_array(np.array([0.0, HIGH - LOW], dtype=np.float32), "half_values"),
            numpy_helper.from_array(np.array([LOW], dtype=np.float32), "low")]

    def choose():
        # Both successors get HIGH; one successor twice is still HIGH (Max, not Add).
        return [helper.make_node("Gather", ["next_a", "ids_flat"], ["a"], axis=0),
                helper.make_node("Gather", ["next_b", "ids_flat"], ["b"], axis=0),
                helper.make_node("OneHot", ["a", "depth", "half_values"], ["hot_a"], axis=-1),
                helper.make_node("OneHot", ["b", "depth", "half_values"], ["hot_b"], axis=-1),
                helper.make_node("Max", ["hot_a", "hot_b"], ["hot"]),
                helper.make_node("Add", ["hot", "low"], ["logits_2d"])]
    make_decoder(path, choose, init)


def main():
    out = sys.argv[1]
    variants = (("tiny-whisper", scripted_decoder, None), ("tiny-whisper-loop", loop_decoder, None),
                ("tiny-whisper-words", lambda p: scripted_decoder(p, with_attention=True), [[0, 1], [1, 0]]))
    for name, decoder, alignment_heads in variants:
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        write_tokenizer_and_config(folder, alignment_heads)
        make_encoder(os.path.join(folder, "encoder_model.onnx"))
        decoder(os.path.join(folder, "decoder_model_merged.onnx"))


if __name__ == "__main__":
    main()
