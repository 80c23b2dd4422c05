// Thin extern "C" shim over Debian's static FAISS (libfaiss-dev 1.7.3) for Gilgamesh's vector search.
//
// Why a shim: Debian ships FAISS as a static C++ library only (no libfaiss_c.so), and C# can only call C.
// The managed side (Gilgamesh.Modules/Analysis/Vectors) owns ids, metadata, filters and the final
// tie-broken ranking; this library only stores vectors and returns candidate *row positions* (0..n-1).
//
// Conventions: every function returns 0 on success and -1 on failure; the failure message is read with
// gf_last_error() on the same thread. Result slots that could not be filled hold row -1.
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/impl/FaissException.h>
#include <faiss/utils/Heap.h>
#include <faiss/utils/distances.h>

#include <cblas.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

thread_local std::string last_error;

enum Kind : int32_t { KindFlat = 0, KindHnsw = 1, KindIvf = 2 };

struct Handle {
    Kind kind;
    int32_t dim;
    faiss::Index* index;
    faiss::IndexFlatIP* flat; // the raw vectors, for flat indexes (single-query and subset paths)
    faiss::IndexFlatIP* quantizer; // owned by IVF
};

template <typename F>
int32_t guarded(F&& body) {
    try {
        body();
        return 0;
    } catch (const faiss::FaissException& e) {
        last_error = e.what();
    } catch (const std::exception& e) {
        last_error = e.what();
    } catch (...) {
        last_error = "unknown native error";
    }
    return -1;
}

} // namespace

#define GF_API __attribute__((visibility("default")))

extern "C" {

GF_API int32_t gf_abi_version() { return 2; }

GF_API const char* gf_last_error() { return last_error.c_str(); }

// The kernel set OpenBLAS chose at load ("SkylakeX", "Haswell", … or "Prescott" when it does not know the
// CPU and falls back to SSE3 code, which makes every sgemm several times slower). The managed loader sets
// OPENBLAS_CORETYPE before loading this library; this says what came of it.
GF_API const char* gf_blas_core() { return openblas_get_corename(); }

// Exact inner-product index over n row-major vectors of dimension dim (copied).
GF_API int32_t gf_flat_create(int32_t dim, const float* vectors, int64_t n, void** out) {
    return guarded([&] {
        auto* flat = new faiss::IndexFlatIP(dim);
        flat->add(n, vectors);
        *out = new Handle{KindFlat, dim, flat, flat, nullptr};
    });
}

// HNSW graph over the vectors (approximate). m = links per node, ef_construction = build beam width.
GF_API int32_t gf_hnsw_create(int32_t dim, int32_t m, int32_t ef_construction, const float* vectors, int64_t n, void** out) {
    return guarded([&] {
        auto* hnsw = new faiss::IndexHNSWFlat(dim, m, faiss::METRIC_INNER_PRODUCT);
        hnsw->hnsw.efConstruction = ef_construction;
        hnsw->add(n, vectors);
        *out = new Handle{KindHnsw, dim, hnsw, nullptr, nullptr};
    });
}

// IVF with nlist inverted lists, trained (k-means) on the vectors themselves (approximate).
GF_API int32_t gf_ivf_create(int32_t dim, int32_t nlist, const float* vectors, int64_t n, void** out) {
    return guarded([&] {
        auto* quantizer = new faiss::IndexFlatIP(dim);
        auto* ivf = new faiss::IndexIVFFlat(quantizer, dim, nlist, faiss::METRIC_INNER_PRODUCT);
        ivf->train(n, vectors);
        ivf->add(n, vectors);
        *out = new Handle{KindIvf, dim, ivf, nullptr, quantizer};
    });
}

GF_API void gf_index_free(void* handle) {
    auto* h = static_cast<Handle*>(handle);
    if (!h) return;
    delete h->index;
    delete h->quantizer;
    delete h;
}

// nq queries, k results each (rows best first). effort = nprobe for IVF, efSearch for HNSW, ignored for flat.
// For a flat index this is FAISS's own IndexFlatIP::search (BLAS sgemm + heaps for batches).
GF_API int32_t gf_search(void* handle, const float* queries, int64_t nq, int32_t k, int32_t effort, float* out_d, int64_t* out_i) {
    return guarded([&] {
        auto* h = static_cast<Handle*>(handle);
        if (h->kind == KindHnsw) {
            faiss::SearchParametersHNSW p;
            p.efSearch = std::max(effort, k);
            h->index->search(nq, queries, k, out_d, out_i, &p);
        } else if (h->kind == KindIvf) {
            faiss::SearchParametersIVF p;
            p.nprobe = std::max(effort, 1);
            h->index->search(nq, queries, k, out_d, out_i, &p);
        } else {
            h->index->search(nq, queries, k, out_d, out_i);
        }
    });
}

// One query against a flat index, using both cores. FAISS 1.7.3 runs a single query on one thread
// (its OpenMP loop is over queries), which leaves half the memory bandwidth unused; here each thread
// streams its share of the rows once through FAISS's SIMD fvec_inner_products_ny and keeps its own top-k.
// Plain std::threads rather than an OpenMP team: on a shared, oversubscribed machine OpenMP's spinning
// workers (and OpenBLAS's) compete with the scan itself; a thread that exits costs nothing.
GF_API int32_t gf_flat_search_one(void* handle, const float* query, int32_t k, float* out_d, int64_t* out_i) {
    return guarded([&] {
        auto* h = static_cast<Handle*>(handle);
        if (!h->flat) throw std::runtime_error("gf_flat_search_one needs a flat index");
        const int64_t n = h->flat->ntotal;
        const int64_t d = h->dim;
        const float* xb = h->flat->get_xb();
        const int hardware = (int)std::max(1u, std::thread::hardware_concurrency());
        const int threads = (int)std::max<int64_t>(1, std::min<int64_t>(hardware, (n + 16383) / 16384));
        std::vector<float> part_d((size_t)threads * k);
        std::vector<int64_t> part_i((size_t)threads * k);
        using C = faiss::CMin<float, int64_t>;
        auto scan = [&](int t) {
            const int64_t begin = n * t / threads, end = n * (t + 1) / threads;
            // Blocks of 1024 rows keep the score buffer in L1 while rows stream from memory.
            constexpr int64_t Block = 1024;
            float scores[Block];
            float* hd = &part_d[(size_t)t * k];
            int64_t* hi = &part_i[(size_t)t * k];
            faiss::heap_heapify<C>(k, hd, hi);
            for (int64_t b = begin; b < end; b += Block) {
                const int64_t nb = std::min(Block, end - b);
                faiss::fvec_inner_products_ny(scores, query, xb + b * d, d, nb);
                for (int64_t j = 0; j < nb; j++)
                    if (C::cmp(hd[0], scores[j])) faiss::heap_replace_top<C>(k, hd, hi, scores[j], b + j);
            }
        };
        std::vector<std::thread> helpers;
        for (int t = 1; t < threads; t++) helpers.emplace_back(scan, t);
        scan(0);
        for (auto& helper : helpers) helper.join();
        // Merge the per-thread heaps.
        faiss::heap_heapify<C>(k, out_d, out_i);
        for (size_t j = 0; j < part_d.size(); j++)
            if (part_i[j] >= 0 && C::cmp(out_d[0], part_d[j])) faiss::heap_replace_top<C>(k, out_d, out_i, part_d[j], part_i[j]);
        faiss::heap_reorder<C>(k, out_d, out_i);
    });
}

// Exact batch search on a flat index: the m best rows for each of nq queries, best first. The same work as
// IndexFlatIP::search (BLAS sgemm of query blocks against row blocks, FAISS heaps), scheduled differently:
// each of the shim's threads owns a share of the rows and runs sgemm in its own thread, with OpenBLAS set to
// one thread for the process. FAISS 1.7.3 instead alternates OpenBLAS's worker pool (sgemm) with an OpenMP
// team (heaps); on two shared cores the idle pool's spinning competes with the working one, which measured
// at about half the speed of this loop. Rows are split, not queries, so a batch of a few queries uses every core.
GF_API int32_t gf_flat_search_batch(void* handle, const float* queries, int64_t nq, int32_t k, float* out_d, int64_t* out_i) {
    return guarded([&] {
        auto* h = static_cast<Handle*>(handle);
        if (!h->flat) throw std::runtime_error("gf_flat_search_batch needs a flat index");
        static std::once_flag blas_in_caller;
        std::call_once(blas_in_caller, [] { openblas_set_num_threads(1); });
        const int64_t n = h->flat->ntotal;
        const int64_t d = h->dim;
        const float* xb = h->flat->get_xb();
        const int hardware = (int)std::max(1u, std::thread::hardware_concurrency());
        const int threads = (int)std::max<int64_t>(1, std::min<int64_t>(hardware, n / 8192));
        const size_t per_thread = (size_t)nq * k;
        std::vector<float> part_d(threads == 1 ? 0 : (size_t)threads * per_thread);
        std::vector<int64_t> part_i(threads == 1 ? 0 : (size_t)threads * per_thread);
        using C = faiss::CMin<float, int64_t>;
        auto scan = [&](int t) {
            const int64_t begin = n * t / threads, end = n * (t + 1) / threads;
            float* hd = threads == 1 ? out_d : &part_d[(size_t)t * per_thread];
            int64_t* hi = threads == 1 ? out_i : &part_i[(size_t)t * per_thread];
            for (int64_t q = 0; q < nq; q++) faiss::heap_heapify<C>(k, hd + q * k, hi + q * k);
            // 256 queries x 1024 rows: a 1 MiB score tile; the query block (512 KiB at d = 512) stays in L2
            // while each row block is read once per query block.
            constexpr int64_t QueryBlock = 256, RowBlock = 1024;
            std::vector<float> tile((size_t)QueryBlock * RowBlock);
            for (int64_t q0 = 0; q0 < nq; q0 += QueryBlock) {
                const int64_t qn = std::min(QueryBlock, nq - q0);
                for (int64_t b = begin; b < end; b += RowBlock) {
                    const int64_t bn = std::min(RowBlock, end - b);
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)qn, (int)bn, (int)d, 1.0f, queries + q0 * d, (int)d,
                                xb + b * d, (int)d, 0.0f, tile.data(), (int)bn);
                    for (int64_t q = 0; q < qn; q++) {
                        float* qd = hd + (q0 + q) * k;
                        int64_t* qi = hi + (q0 + q) * k;
                        const float* scores = tile.data() + q * bn;
                        for (int64_t j = 0; j < bn; j++)
                            if (C::cmp(qd[0], scores[j])) faiss::heap_replace_top<C>(k, qd, qi, scores[j], b + j);
                    }
                }
            }
            if (threads == 1)
                for (int64_t q = 0; q < nq; q++) faiss::heap_reorder<C>(k, hd + q * k, hi + q * k);
        };
        std::vector<std::thread> helpers;
        for (int t = 1; t < threads; t++) helpers.emplace_back(scan, t);
        scan(0);
        for (auto& helper : helpers) helper.join();
        if (threads == 1) return;
        for (int64_t q = 0; q < nq; q++) {
            float* qd = out_d + q * k;
            int64_t* qi = out_i + q * k;
            faiss::heap_heapify<C>(k, qd, qi);
            for (int t = 0; t < threads; t++)
                for (int64_t j = 0; j < k; j++) {
                    const size_t at = (size_t)t * per_thread + (size_t)q * k + (size_t)j;
                    if (part_i[at] >= 0 && C::cmp(qd[0], part_d[at])) faiss::heap_replace_top<C>(k, qd, qi, part_d[at], part_i[at]);
                }
            faiss::heap_reorder<C>(k, qd, qi);
        }
    });
}

// nq queries restricted to a candidate row subset (the metadata filter's result) of a flat index:
// only the selected rows are read, so a 10% filter reads 10% of the memory. Rows in `rows` are
// positions in the index; results are rows as well.
GF_API int32_t gf_flat_search_rows(void* handle, const float* queries, int64_t nq, const int64_t* rows, int64_t nrows, int32_t k,
                            float* out_d, int64_t* out_i) {
    return guarded([&] {
        auto* h = static_cast<Handle*>(handle);
        if (!h->flat) throw std::runtime_error("gf_flat_search_rows needs a flat index");
        faiss::knn_inner_products_by_idx(queries, h->flat->get_xb(), rows, h->dim, nq, nrows, k, out_d, out_i, 0);
    });
}

} // extern "C"
