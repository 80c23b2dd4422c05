#!/usr/bin/python3
"""Anchor for the vectors benchmark: Debian's python3-faiss IndexFlatIP on the data Gilgamesh.Bench wrote.

Usage: vectors_faiss.py <dir> <n> <d> <nq> <single_count> <k> [timing-only]
Reads <dir>/base.f32 (n x d) and <dir>/queries.f32 (nq x d), raw little-endian float32, already unit length.
Writes <dir>/faiss_ids.i64 (batch result, nq x k) and <dir>/reference_ids.i64 (float64 brute force, ties by id),
and prints one JSON line with timings. With "timing-only" it only times (no files, no reference): the bench
runs it a second time with OPENBLAS_CORETYPE set the way Gilgamesh sets it for itself.
Needs: apt-get install python3-faiss python3-numpy
"""
import ctypes
import json
import sys
import time

import faiss
import numpy as np


def blas_core():
    """OpenBLAS's kernel set in this process ("Prescott" = it did not recognise the CPU)."""
    try:
        openblas = ctypes.CDLL("libopenblas.so.0")  # already loaded by faiss: the same instance
        openblas.openblas_get_corename.restype = ctypes.c_char_p
        return openblas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        return "unknown"


def main():
    folder, n, d, nq, single_count, k = sys.argv[1], *map(int, sys.argv[2:7])
    timing_only = len(sys.argv) > 7 and sys.argv[7] == "timing-only"
    base = np.fromfile(f"{folder}/base.f32", dtype=np.float32).reshape(n, d)
    queries = np.fromfile(f"{folder}/queries.f32", dtype=np.float32).reshape(nq, d)

    started = time.perf_counter()
    index = faiss.IndexFlatIP(d)
    index.add(base)
    build_s = time.perf_counter() - started

    for i in range(3):  # warm-up
        index.search(queries[i:i + 1], k)
    started = time.perf_counter()
    for i in range(single_count):
        index.search(queries[i:i + 1], k)
    single_s = time.perf_counter() - started

    # Median of three batches (the machine is shared), as the C# side does.
    batches = []
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        _, ids = index.search(queries, k)
        batches.append((time.perf_counter() - started, time.process_time() - cpu_started))
    batch_s, batch_cpu_s = sorted(batches)[1]
    result = {
        "faiss_version": faiss.__version__,
        "blas_core": blas_core(),
        "omp_threads": faiss.omp_get_max_threads(),
        "build_s": build_s,
        "single_ms": 1000 * single_s / single_count,
        "single_qps": single_count / single_s,
        "batch_s": batch_s,
        "batch_runs_s": [b[0] for b in batches],
        "batch_cpu_s": batch_cpu_s,
        "batch_qps": nq / batch_s,
    }
    if timing_only:
        print(json.dumps(result))
        return
    ids.astype(np.int64).tofile(f"{folder}/faiss_ids.i64")

    # Reference: float64 scores over every row, best first, ties broken by the smaller row (= id here).
    started = time.perf_counter()
    base64 = base.astype(np.float64)
    reference = np.empty((nq, k), dtype=np.int64)
    for q0 in range(0, nq, 100):
        scores = queries[q0:q0 + 100].astype(np.float64) @ base64.T
        for j, row in enumerate(scores):
            order = np.lexsort((np.arange(n), -row))[:k]
            reference[q0 + j] = order
    reference.tofile(f"{folder}/reference_ids.i64")
    result["reference_s"] = time.perf_counter() - started
    print(json.dumps(result))


if __name__ == "__main__":
    main()
