using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Fingerprints;
using Lookalike.Ingest;
using Lookalike.Ingest.Queue;
using Lookalike.Search;
using Lookalike.Testing;
using Lookalike.Testing.Postgres;
using Lookalike.Vectors;

namespace Lookalike.Bench;

/// <summary>
/// The PostgreSQL catalog's figures, each with its peer in the same run:
/// (1) distributed indexing, 1, 2 and 4 <see cref="QueueWorker"/>s (threads, one connection each, hashes only) over
/// ../shared/photos on a throwaway local server, beside <c>lookalike index</c>'s indexer into a SQLite file on every core;
/// (2) pgvector HNSW search on PGlite against the exact in-process index over the same (stored, float16) vectors.
/// usage: bench postgres [--folder DIR] [--vectors N] [--dimension D]
/// </summary>
internal static class PostgresBenchmark
{
    public static Task<int> Run(string[] args)
    {
        var folder = args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault() ?? BenchPaths.SharedPhotos;
        var count = args.SkipWhile(a => a != "--vectors").Skip(1).Select(int.Parse).FirstOrDefault(3000);
        var dimension = args.SkipWhile(a => a != "--dimension").Skip(1).Select(int.Parse).FirstOrDefault(128);
        Workers(folder);
        Console.WriteLine();
        Vectors(count, dimension);
        return Task.FromResult(0);
    }

    private static void Workers(string folder)
    {
        if (PostgresServer.Unavailable is { } why) { Console.WriteLine($"workers: skipped, {why}"); return; }
        var files = FileScanner.Scan([folder], (_, _) => { }).Count;
        Console.WriteLine($"Distributed indexing: {files} files from {folder}, hashes only, {Environment.ProcessorCount} cores; fresh catalog each");
        Console.WriteLine($"{"what",-50} {"seconds",8} {"files/s",8}");
        var state = Path.Combine(Path.GetTempPath(), "lookalike-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // Warm up JIT, libvips and the page cache once.
            using (var warm = ImageCatalog.Open(Path.Combine(state, "warm", ImageCatalog.FileName))) new ImageIndexer(warm).Index([folder]);
            var sqlite = Stopwatch.StartNew();
            using (var catalog = ImageCatalog.Open(Path.Combine(state, "sqlite", ImageCatalog.FileName)))
                new ImageIndexer(catalog).Index([folder]);
            Row("lookalike index, SQLite file (peer)", files, sqlite.Elapsed);
            foreach (var workers in new[] { 1, 2, 4 })
            {
                var url = PostgresServer.Shared.CreateDatabase("bench");
                using (var catalog = ImageCatalog.Open(url, state)) new WorkQueue(catalog).Enqueue([folder], (_, _) => { });
                var clock = Stopwatch.StartNew();
                var reports = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
                {
                    using var catalog = ImageCatalog.Open(url, state);
                    return new QueueWorker(catalog, new Fingerprinter()) { BatchSize = 8 }.Run();
                })).ToArray();
                Task.WaitAll(reports);
                var done = reports.Sum(r => r.Result.Fingerprinted + r.Result.Failed);
                Row($"{workers} worker{(workers > 1 ? "s" : "")}, PostgreSQL 15 on loopback ({done} done)", files, clock.Elapsed);
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static void Row(string what, int files, TimeSpan elapsed) =>
        Console.WriteLine($"{what,-50} {elapsed.TotalSeconds,8:0.00} {files / elapsed.TotalSeconds,8:0.0}");

    private static void Vectors(int count, int dimension)
    {
        if (PgliteServer.Unavailable is { } why) { Console.WriteLine($"pgvector: skipped, {why}"); return; }
        const string model = "synthetic@1";
        const int queries = 100, k = 10;
        var state = Path.Combine(Path.GetTempPath(), "lookalike-bench-pglite-" + Guid.NewGuid().ToString("N")[..8]);
        using var catalog = ImageCatalog.Open(PgliteServer.Shared.Url, state);
        var vectors = new ClusteredVectors(dimension, 60, seed: 7).Next(count + queries);
        var load = Stopwatch.StartNew();
        using (var transaction = catalog.BeginTransaction())
        {
            for (var i = 0; i < count; i++)
            {
                var id = catalog.PutImage(new ImageRecord(0, $"/bench/{i:000000}.jpg", 1, DateTime.UnixEpoch, $"h{i}", 1, 1, "jpeg", null, null), default);
                catalog.PutEmbedding(id, model, vectors.AsSpan(i * dimension, dimension));
            }
            transaction.Commit();
        }
        var search = PgvectorSearch.For(catalog) ?? throw new InvalidOperationException("PGlite has no pgvector");
        search.Refresh(model);
        load.Stop();
        var exact = new FlatIndex(dimension);
        foreach (var (id, vector) in catalog.GetEmbeddings(model)) exact.Add([id], vector);
        var truth = new List<long[]>();
        var exactClock = Stopwatch.StartNew();
        for (var q = 0; q < queries; q++) truth.Add([.. exact.Search(vectors.AsSpan((count + q) * dimension, dimension), k).Select(h => h.Id)]);
        exactClock.Stop();
        Console.WriteLine($"pgvector search: {count} synthetic {dimension}-d vectors (ClusteredVectors seed 7, stored float16), {queries} held-out queries, " +
                          $"PGlite 0.5.16 + pgvector over loopback; loaded and indexed in {load.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"{"what",-50} {"recall@10",9} {"ms/query",9}");
        Console.WriteLine($"{"exact in-process FlatIndex (truth, peer)",-50} {1.0,9:0.000} {exactClock.Elapsed.TotalMilliseconds / queries,9:0.00}");
        foreach (var ef in new[] { 10, 40, 100 })
        {
            var found = new List<SearchHit[]>();
            var clock = Stopwatch.StartNew();
            for (var q = 0; q < queries; q++) found.Add(search.Nearest(model, vectors.AsSpan((count + q) * dimension, dimension), k, efSearch: ef));
            clock.Stop();
            Console.WriteLine($"{$"pgvector HNSW halfvec cosine, ef_search {Math.Max(ef, k)}",-50} {Recall.AtK(found, truth, k),9:0.000} {clock.Elapsed.TotalMilliseconds / queries,9:0.00}");
        }
    }
}
