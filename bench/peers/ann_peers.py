#!/usr/bin/python3
"""Peer figures for the Lookalike index benchmark: hnswlib and faiss on the same fvecs/ivecs files.

Run by `bench index` (bench/Lookalike.Bench/Indexing/IndexBenchmark.cs), which prints these rows in one
table with its own. Prints one JSON object per line:
  {"lib", "index", "param", "build_s", "bytes_per_vector", "r1", "r10", "r100", "p50_ms", "p99_ms", "qps"}
Measured exactly as the C# side does: recall@1/@10 from k=10 searches, recall@100 from k=100 searches,
single-query latency on one thread, batch QPS of k=10 searches on `--threads` threads.
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    dim = raw[0]
    rows = raw.reshape(-1, dim + 1)[:, 1:]
    return np.ascontiguousarray(rows.view(dtype))


def recall(found, truth, k):
    hits = 0
    for f, t in zip(found, truth):
        hits += len(set(f[:k].tolist()) & set(t[:k].tolist()))
    return hits / (len(truth) * k)


def latencies_ms(search_one, queries):
    times = []
    for q in queries:
        start = time.perf_counter()
        search_one(q)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


def emit(**row):
    print(json.dumps(row), flush=True)


def bench_hnswlib(base, queries, truth, args):
    for m in args.m:
        bench_hnswlib_m(base, queries, truth, args, m)


def bench_hnswlib_m(base, queries, truth, args, m):
    import hnswlib
    index = hnswlib.Index(space="ip", dim=base.shape[1])
    start = time.perf_counter()
    index.init_index(max_elements=len(base), M=m, ef_construction=args.ef_construction, random_seed=42)
    index.add_items(base, np.arange(len(base)), num_threads=args.threads)
    build = time.perf_counter() - start
    for ef in args.ef:
        index.set_ef(max(ef, 10))
        index.set_num_threads(args.threads)
        start = time.perf_counter()
        labels10, _ = index.knn_query(queries, k=10)
        qps = len(queries) / (time.perf_counter() - start)
        index.set_ef(max(ef, 100))
        labels100, _ = index.knn_query(queries, k=100)
        index.set_ef(max(ef, 10))
        index.set_num_threads(1)
        p50, p99 = latencies_ms(lambda q: index.knn_query(q.reshape(1, -1), k=10), queries)
        # Level 0 as hnswlib lays it out (count, 2M links, vector, label) plus the upper layers' expected share.
        emit(lib="hnswlib", index=f"HNSW{m}", param=f"ef={ef}", build_s=build,
             bytes_per_vector=4 + m * 2 * 4 + base.shape[1] * 4 + 8 + (4 + m * 4) / (m - 1),
             r1=recall(labels10, truth, 1), r10=recall(labels10, truth, 10), r100=recall(labels100, truth, 100),
             p50_ms=p50, p99_ms=p99, qps=qps)


def faiss_rows(faiss, index, name, param, build, bytes_per_vector, queries, truth, latency_queries, threads,
               before_search=lambda k: None):
    faiss.omp_set_num_threads(threads)
    before_search(10)
    start = time.perf_counter()
    _, labels10 = index.search(queries, 10)
    qps = len(queries) / (time.perf_counter() - start)
    before_search(100)
    _, labels100 = index.search(queries, 100)
    before_search(10)
    faiss.omp_set_num_threads(1)
    p50, p99 = latencies_ms(lambda q: index.search(q.reshape(1, -1), 10), latency_queries)
    emit(lib="faiss", index=name, param=param, build_s=build, bytes_per_vector=bytes_per_vector,
         r1=recall(labels10, truth, 1), r10=recall(labels10, truth, 10), r100=recall(labels100, truth, 100),
         p50_ms=p50, p99_ms=p99, qps=qps)


def bench_faiss(base, queries, truth, args):
    import faiss
    dim = base.shape[1]
    faiss.omp_set_num_threads(args.threads)
    if not args.no_flat:
        start = time.perf_counter()
        flat = faiss.IndexFlatIP(dim)
        flat.add(base)
        faiss_rows(faiss, flat, "Flat", "-", time.perf_counter() - start, dim * 4, queries[: args.flat_queries],
                   truth[: args.flat_queries], queries[: args.flat_latency_queries], args.threads)
        del flat
    if args.faiss_hnsw:
        for m in args.m:
            bench_faiss_hnsw(faiss, base, queries, truth, args, m)
    if not args.faiss_ivfpq:
        return

    faiss.omp_set_num_threads(args.threads)
    start = time.perf_counter()
    ivfpq = faiss.index_factory(dim, f"IVF{args.cells},PQ{args.pq}", faiss.METRIC_INNER_PRODUCT)
    # Trained on 40 vectors per cell (a fixed-stride sample), as Lookalike's IVF trains its k-means.
    ivfpq.train(np.ascontiguousarray(base[:: max(1, len(base) // (40 * args.cells))]))
    refined = faiss.IndexRefineFlat(ivfpq)  # exact re-rank of the PQ shortlist; adds to both
    refined.add(base)
    build = time.perf_counter() - start

    def shortlist(k):
        # k_factor scales k: keep the shortlist at `rerank` candidates for k=10 and k=100 alike, as Lookalike does.
        refined.k_factor = max(args.rerank, k) / k

    for nprobe in args.nprobe:
        ivfpq.nprobe = nprobe
        faiss_rows(faiss, refined, f"IVF{args.cells},PQ{args.pq}+RFlat", f"nprobe={nprobe}", build, args.pq,
                   queries, truth, queries, args.threads, shortlist)


def bench_faiss_hnsw(faiss, base, queries, truth, args, m):
    dim = base.shape[1]
    faiss.omp_set_num_threads(args.threads)
    start = time.perf_counter()
    index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = args.ef_construction
    index.add(base)
    build = time.perf_counter() - start

    def beam(k, ef):
        index.hnsw.efSearch = max(ef, k)

    for ef in args.ef:
        # Level 0 as faiss lays it out (2M links) beside the float32 vectors, plus the upper layers' expected share.
        faiss_rows(faiss, index, f"HNSW{m}", f"ef={ef}", build, dim * 4 + 2 * m * 4 + (4 + m * 4) / (m - 1) + 8,
                   queries, truth, queries, args.threads, lambda k, ef=ef: beam(k, ef))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="folder with base.fvecs, query.fvecs, groundtruth.ivecs")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--m", type=int, nargs="+", default=[16])
    parser.add_argument("--ef-construction", type=int, default=200)
    parser.add_argument("--ef", type=int, nargs="+", default=[16, 32, 64, 128])
    parser.add_argument("--cells", type=int, default=1024)
    parser.add_argument("--pq", type=int, default=64)
    parser.add_argument("--rerank", type=int, default=400)
    parser.add_argument("--nprobe", type=int, nargs="+", default=[16, 32, 64])
    parser.add_argument("--flat-queries", type=int, default=200, help="queries for the exact (Flat) batch rows")
    parser.add_argument("--flat-latency-queries", type=int, default=50)
    parser.add_argument("--faiss-ivfpq", action="store_true",
                        help="also build faiss IVF-PQ (its k-means needs an optimised BLAS: with Debian's reference "
                             "libblas it does not finish 100k x 512 in 10 minutes on 2 cores)")
    parser.add_argument("--faiss-hnsw", action="store_true", help="also build faiss HNSW (IndexHNSWFlat) for each --m")
    parser.add_argument("--no-flat", action="store_true", help="skip faiss' exact scan")
    parser.add_argument("--only", choices=["hnswlib", "faiss"], help="run one peer only")
    args = parser.parse_args()

    base = read_vecs(os.path.join(args.data, "base.fvecs"), np.float32)
    queries = read_vecs(os.path.join(args.data, "query.fvecs"), np.float32)
    truth = read_vecs(os.path.join(args.data, "groundtruth.ivecs"), np.int32)
    if args.only in (None, "hnswlib"):
        bench_hnswlib(base, queries, truth, args)
    if args.only in (None, "faiss"):
        bench_faiss(base, queries, truth, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
