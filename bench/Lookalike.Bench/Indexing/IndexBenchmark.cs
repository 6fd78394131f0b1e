using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Lookalike.Testing;
using Lookalike.Vectors;

namespace Lookalike.Bench.Indexing;

/// <summary>
/// `bench index`: Lookalike's exact, HNSW and IVF-PQ indexes against USearch, hnswlib and faiss on the same
/// fvecs/ivecs data in one run, printing one table (recall@1/10/100, build time, single-query p50/p99,
/// batch QPS) plus the machine's memory copy bandwidth that the exact scan is judged against.
/// Options: --n 100000 --dim 512 --queries 1000 --threads 2 --m 16,32 --ef-construction 100 --ef 16,32,64,128
///          --cells C --pq P (default: the IVF-PQ that IndexFactory.Choose picks for n under a tight memory budget)
///          --rerank 400 --nprobe 32,64,128 --pairs 0.95 --no-pairs --data DIR --no-peers --faiss-ivfpq --faiss-hnsw
///          --only flat,hnsw,ivf,usearch,hnswlib,faiss (default all) --no-usearch-defaults (only USearch matched to ours)
///          --usearch-m 16 (USearch only at these M; default --m)
///          --f32-walk (our graphs also searched in float32 throughout, beside the default walk on one-byte codes)
///          --work DIR (where the index files it saves go; default artifacts/ann-bench-work/NAME-OF-DATA-FOLDER, never
///          the data folder, which may be someone else's)
/// </summary>
internal static unsafe class IndexBenchmark
{
    private const int FlatLatencyQueries = 50;

    /// <summary>Exact scans are slow and always right: their batch rows use the first 200 queries (both sides).</summary>
    private const int FlatQueries = 200;

    public static Task<int> Run(string[] args)
    {
        var options = Options.Parse(args);
        var folder = options.Text("data", Path.Combine(BenchPaths.RepoRoot, "artifacts", "ann-bench", $"{options.Int("n", 100_000)}x{options.Int("dim", 512)}"));
        var data = AnnDataset.LoadOrGenerate(folder, options.Int("n", 100_000), options.Int("dim", 512), options.Int("queries", 1000));
        var threads = options.Int("threads", 2);
        var ms = options.Ints("m", [16, 32]);
        var efConstruction = options.Int("ef-construction", 100);
        var efs = options.Ints("ef", [16, 32, 64, 128]);
        var chosen = IndexFactory.Parse(IndexFactory.Choose(Math.Max(data.Count, IndexFactory.ExactBelow), data.Dimension, memoryBudgetBytes: 0));
        var (cells, pq, rerank) = (options.Int("cells", chosen.Cells), options.Int("pq", chosen.PqParts), options.Int("rerank", 400));
        var nprobes = options.Ints("nprobe", [32, 64, 128]);
        var parts = options.Text("only", "flat,hnsw,ivf,usearch,hnswlib,faiss").Split(',').ToHashSet();
        var work = options.Text("work", Path.Combine(BenchPaths.RepoRoot, "artifacts", "ann-bench-work", Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))));
        Directory.CreateDirectory(work);
        var f32Walk = options.Flag("f32-walk");
        Console.WriteLine($"data: {data.Count} x {data.Dimension} base, {data.QueryCount} queries ({folder}); {threads} threads for builds and batches, 1 for latency");

        var notes = new NoteList();
        var rows = new List<BenchRow>();
        var ids = Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray();
        var vectorBytes = (double)data.Count * data.Dimension * sizeof(float);

        var copy1 = CopyBandwidth(1);
        var copyN = CopyBandwidth(threads);
        notes.Add($"memory copy bandwidth: {copy1:F1} GB/s on 1 thread, {copyN:F1} GB/s on {threads} threads (bytes copied per second, 256 MiB blocks)");

        foreach (var storage in parts.Contains("flat") ? new[] { "Flat", "F16", "SQ8" } : [])
        {
            var clock = Stopwatch.StartNew();
            using var flat = new FlatIndex(data.Dimension, storage);
            flat.Add(ids, data.Base);
            var row = Measure(flat, "lookalike", storage, "-", clock.Elapsed.TotalSeconds, flat.BytesPerVector, data, threads, FlatLatencyQueries, FlatQueries);
            rows.Add(row);
            var scanned = data.Count * (double)flat.BytesPerVector;
            var scanRate = scanned / (row.P50Ms / 1000) / 1e9;
            notes.Add($"{storage} single-query scan (p50): {scanRate:F1} GB/s of stored vectors = {scanRate / copy1:F2}x the 1-thread copy bandwidth");
        }

        var peersOn = !options.Flag("no-peers");
        foreach (var m in ms)
        {
            // Ours and hnswlib's graph of one M one after another, so a run cut short still has rows to compare.
            var pairsAbove = m == ms[0] && !options.Flag("no-pairs") ? (float)options.Double("pairs", 0.95) : (float?)null;
            if (parts.Contains("hnsw")) rows.AddRange(RunHnsw(data, ids, work, threads, m, efConstruction, efs, f32Walk, pairsAbove, notes));
            if (peersOn && parts.Contains("hnswlib")) rows.AddRange(RunPeers(folder, threads, [m], efConstruction, efs, cells, pq, rerank, nprobes, [], "hnswlib"));
        }

        var ivfPath = Path.Combine(work, $"ivf{cells}pq{pq}.lkix");
        double ivfBuild = 0;
        if (parts.Contains("ivf"))
        {
            var clock = Stopwatch.StartNew();
            using var ivf = new IvfIndex(data.Dimension, cells, pq) { BuildThreads = threads };
            ivf.Add(ids, data.Base);
            ivfBuild = clock.Elapsed.TotalSeconds;
            ivf.Save(ivfPath);
        }
        if (parts.Contains("ivf"))
        {
            using var ivf = (IvfIndex)VectorIndex.Load(ivfPath);
            ivf.RerankCandidates = rerank;
            foreach (var nprobe in nprobes)
            {
                ivf.NProbe = nprobe;
                rows.Add(Measure(ivf, "lookalike", $"{ivf.Description}+rerank", $"nprobe={nprobe}", ivfBuild, ivf.CodeBytes, data, threads, data.QueryCount));
            }
            notes.Add($"IVF{cells},PQ{pq}: {ivf.CodeBytes} B/vector in RAM vs {data.Dimension * 4} B float32 ({data.Dimension * 4.0 / ivf.CodeBytes:F0}x less); " +
                      $"re-rank vectors read from the memory-mapped file ({vectorBytes / 1e6:F0} MB); shortlist {rerank}");
        }

        // faiss before USearch: USearch builds slowest, so a run cut short loses the fewest rows.
        if (peersOn && parts.Contains("faiss"))
        {
            string[] faissParts = [.. new[] { "faiss-ivfpq", "faiss-hnsw" }.Where(options.Flag).Select(f => "--" + f), .. parts.Contains("flat") ? [] : new[] { "--no-flat" }];
            rows.AddRange(RunPeers(folder, threads, ms, efConstruction, efs, cells, pq, rerank, nprobes, faissParts, "faiss"));
        }
        var usearchMs = options.Ints("usearch-m", ms);
        foreach (var m in peersOn && parts.Contains("usearch") ? usearchMs : [])
            rows.AddRange(RunUSearch(data, ids, threads, m, efConstruction, efs, m == usearchMs[0] && !options.Flag("no-usearch-defaults"), notes));
        Console.WriteLine();
        BenchRow.PrintTable(rows, threads);
        Console.WriteLine();
        foreach (var note in notes) Console.WriteLine(note);
        return Task.FromResult(0);
    }

    /// <summary>Notes printed under the table, and echoed to stderr at once so a cut-short run still shows them.</summary>
    private sealed class NoteList : List<string>
    {
        public new void Add(string note)
        {
            Console.Error.WriteLine($"  note: {note}");
            base.Add(note);
        }
    }

    private static BenchRow Measure(IVectorIndex index, string lib, string name, string param, double build, double bytesPerVector,
        AnnDataset data, int threads, int latencyQueries, int batchQueries = int.MaxValue)
    {
        var dim = data.Dimension;
        batchQueries = Math.Min(batchQueries, data.QueryCount);
        for (var q = 0; q < Math.Min(20, data.QueryCount); q++) index.Search(data.Queries.AsSpan(q * dim, dim), 10); // JIT and caches
        var queries = data.Queries.AsSpan(0, batchQueries * dim);
        var clock = Stopwatch.StartNew();
        var top10 = index.SearchBatch(queries, 10, threads);
        var qps = batchQueries / clock.Elapsed.TotalSeconds;
        var top100 = index.SearchBatch(queries, 100, threads);
        var latencies = new double[Math.Min(latencyQueries, data.QueryCount)];
        for (var q = 0; q < latencies.Length; q++)
        {
            var start = Stopwatch.GetTimestamp();
            index.Search(data.Queries.AsSpan(q * dim, dim), 10);
            latencies[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(latencies);
        var truth = Enumerable.Range(0, batchQueries).Select(data.TruthRow).ToArray();
        var row = new BenchRow(lib, name, param, build, bytesPerVector,
            Recall.AtK(top10, truth, 1), Recall.AtK(top10, truth, 10), Recall.AtK(top100, truth, 100),
            latencies[latencies.Length / 2], latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))], qps);
        Console.Error.WriteLine($"  {row}");
        return row;
    }

    /// <summary>
    /// Our HNSW graph with <paramref name="m"/> at each ef, searched the default way (walk on one-byte codes, exact
    /// re-rank) and, with <paramref name="f32Walk"/>, also in float32 throughout; with <paramref name="pairsAbove"/>,
    /// also its save/load and FindSimilarPairs.
    /// </summary>
    private static List<BenchRow> RunHnsw(AnnDataset data, long[] ids, string work, int threads, int m, int efConstruction, int[] efs, bool f32Walk,
        float? pairsAbove, NoteList notes)
    {
        var rows = new List<BenchRow>();
        using var hnsw = new HnswIndex(data.Dimension, m, efConstruction) { BuildThreads = threads };
        var clock = Stopwatch.StartNew();
        hnsw.Add(ids, data.Base);
        var build = clock.Elapsed.TotalSeconds;
        foreach (var walkOnCodes in f32Walk ? new[] { true, false } : [true])
        {
            hnsw.WalkOnCodes = walkOnCodes;
            foreach (var ef in efs)
            {
                hnsw.EfSearch = ef;
                var name = $"{hnsw.Description} {(walkOnCodes ? "SQ8 walk" : "f32 walk")}";
                rows.Add(Measure(hnsw, "lookalike", name, $"ef={ef}", build, hnsw.BytesPerVector, data, threads, data.QueryCount));
            }
        }
        if (pairsAbove is not { } minScore) return rows;
        var path = Path.Combine(work, "hnsw.lkix");
        hnsw.Save(path);
        clock.Restart();
        using (var loaded = VectorIndex.Load(path)) notes.Add($"HNSW{m} load of the saved file (memory-mapped): {clock.Elapsed.TotalMilliseconds:F1} ms for {loaded.Count} vectors");
        clock.Restart();
        var pairs = hnsw.FindSimilarPairs(minScore, threads);
        notes.Add($"HNSW{m} FindSimilarPairs(>= {minScore}) over all {data.Count} vectors: {clock.Elapsed.TotalSeconds:F2} s on {threads} threads, {pairs.Count} pairs");
        return rows;
    }

    /// <summary>Bytes copied per second with Buffer.MemoryCopy over 256 MiB blocks (well past every cache).</summary>
    private static double CopyBandwidth(int threads)
    {
        const long size = 256L << 20;
        var blocks = Enumerable.Range(0, threads).Select(_ =>
        {
            var source = (byte*)NativeMemory.Alloc((nuint)size);
            var target = (byte*)NativeMemory.Alloc((nuint)size);
            new Span<byte>(source, (int)size).Fill(1);
            Buffer.MemoryCopy(source, target, size, size); // touch the pages
            return ((nint)source, (nint)target);
        }).ToArray();
        const int repeats = 4;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var r = 0; r < repeats; r++) Buffer.MemoryCopy((void*)blocks[t].Item1, (void*)blocks[t].Item2, size, size);
        });
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var (source, target) in blocks)
        {
            NativeMemory.Free((void*)source);
            NativeMemory.Free((void*)target);
        }
        return threads * repeats * (double)size / seconds / 1e9;
    }

    /// <summary>
    /// USearch in-process on the same vectors and threads: matched to our build settings (M, ef-construction)
    /// and, when asked, with its own defaults (connectivity 16, expansion_add 128); float32 storage in all.
    /// </summary>
    private static List<BenchRow> RunUSearch(AnnDataset data, long[] ids, int threads, int m, int efConstruction, int[] efs, bool ownDefaults,
        NoteList notes)
    {
        var rows = new List<BenchRow>();
        var configs = new List<(int Connectivity, int ExpansionAdd, string Label)> { (m, efConstruction, "matched") };
        if (ownDefaults) configs.Insert(0, (16, 128, "own defaults"));
        foreach (var (connectivity, expansionAdd, label) in configs)
        {
            using var index = new USearchPeer(data.Dimension, connectivity, expansionAdd, Cloud.Unum.USearch.ScalarKind.Float32, threads);
            var clock = Stopwatch.StartNew();
            index.Add(ids, data.Base);
            var build = clock.Elapsed.TotalSeconds;
            notes.Add($"USearch {label}: {index.Description}, SIMD kernels '{index.HardwareAcceleration}'");
            foreach (var ef in efs)
            {
                index.ExpansionSearch = ef;
                rows.Add(Measure(index, "usearch", index.Description, $"ef={ef}", build, index.BytesPerVector, data, threads, data.QueryCount));
            }
        }
        return rows;
    }

    /// <summary>Runs bench/peers/ann_peers.py for one peer (hnswlib or faiss) on the same files with the same settings.</summary>
    private static List<BenchRow> RunPeers(string folder, int threads, int[] ms, int efConstruction, int[] efs, int cells, int pq, int rerank, int[] nprobes,
        string[] peerFlags, string peer)
    {
        var script = Path.Combine(BenchPaths.RepoRoot, "bench", "peers", "ann_peers.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true };
        foreach (var arg in new[] { script, "--data", folder, "--threads", $"{threads}", "--ef-construction", $"{efConstruction}",
                     "--cells", $"{cells}", "--pq", $"{pq}", "--rerank", $"{rerank}", "--flat-latency-queries", $"{FlatLatencyQueries}",
                     "--flat-queries", $"{FlatQueries}" })
            start.ArgumentList.Add(arg);
        foreach (var flag in peerFlags) start.ArgumentList.Add(flag);
        start.ArgumentList.Add($"--only={peer}");
        start.ArgumentList.Add("--m");
        foreach (var m in ms) start.ArgumentList.Add($"{m}");
        start.ArgumentList.Add("--ef");
        foreach (var ef in efs) start.ArgumentList.Add($"{ef}");
        start.ArgumentList.Add("--nprobe");
        foreach (var nprobe in nprobes) start.ArgumentList.Add($"{nprobe}");
        // One OpenMP thread pool sized like ours, so faiss does not oversubscribe the cores.
        start.Environment["OMP_NUM_THREADS"] = $"{threads}";
        // Idle OpenMP workers sleep instead of spinning: on a shared 2-core machine spinning workers starve
        // each other (faiss' PQ training took minutes instead of seconds without this).
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        // OpenBLAS unpacked by bench/peers/openblas.sh, when there, instead of Debian's reference BLAS (about 20x slower
        // k-means: faiss' IVF-PQ training at 1M would not finish).
        var openBlas = Path.Combine(BenchPaths.RepoRoot, "artifacts", "openblas", "root", "usr", "lib", "x86_64-linux-gnu", "openblas-pthread");
        if (File.Exists(Path.Combine(openBlas, "libblas.so.3")))
        {
            start.Environment["LD_LIBRARY_PATH"] = openBlas;
            start.Environment["OPENBLAS_NUM_THREADS"] = $"{threads}";
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var rows = new List<BenchRow>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var row = JsonSerializer.Deserialize<BenchRow>(line) ?? throw new InvalidDataException($"peer printed '{line}'");
            Console.Error.WriteLine($"  {row}");
            rows.Add(row);
        }
        process.WaitForExit();
        if (process.ExitCode != 0) Console.Error.WriteLine($"peers script exited with {process.ExitCode}; its rows so far are in the table");
        return rows;
    }
}
