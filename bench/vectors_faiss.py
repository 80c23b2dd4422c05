#!/usr/bin/python3
"""Anchor for the vectors benchmark: Debian's python3-faiss IndexFlatIP on the data Gilgamesh.Bench wrote.

Usage: vectors_faiss.py <dir> <n> <d> <nq> <single_count> <k>
Reads <dir>/base.f32 (n x d) and <dir>/queries.f32 (nq x d), raw little-endian float32, already unit length.
Writes <dir>/faiss_ids.i64 (batch result, nq x k) and <dir>/reference_ids.i64 (float64 brute force, ties by id),
and prints one JSON line with timings. Needs: apt-get install python3-faiss python3-numpy
"""
import json
import sys
import time

import faiss
import numpy as np


def main():
    folder, n, d, nq, single_count, k = sys.argv[1], *map(int, sys.argv[2:7])
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

    started = time.perf_counter()
    _, ids = index.search(queries, k)
    batch_s = time.perf_counter() - started
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
    reference_s = time.perf_counter() - started

    print(json.dumps({
        "faiss_version": faiss.__version__,
        "omp_threads": faiss.omp_get_max_threads(),
        "build_s": build_s,
        "single_ms": 1000 * single_s / single_count,
        "single_qps": single_count / single_s,
        "batch_s": batch_s,
        "batch_qps": nq / batch_s,
        "reference_s": reference_s,
    }))


if __name__ == "__main__":
    main()
