using System.Diagnostics;
using Lookalike.Bench.Indexing;
using Lookalike.Files;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Bench;

/// <summary>
/// Indexing throughput, each stage alone and end to end, from one run over the same files so the figures are peers:
/// vipsthumbnail (one process per core, same target size) as the decode floor; our decode, hashes, preprocessing and
/// model alone; the real CLI's `index` (hash-only and default) and a cold default `dupes` on a fresh catalog; Debian's
/// findimagedupes on the same files. Every row has its wall and CPU seconds (CPU of this process or of the children).
/// usage: bench index-throughput FOLDER [--files N] [--model-images N] [--sweep] [--no-cli] [--no-findimagedupes]
///   --files N  every k-th file of FOLDER only, about N in all, copied to a temp folder (keeps a run on a loaded machine short)
///   --sweep    also times the model alone for ONNX Runtime threads 1,2 x batch 1,4,8,16,32 (how the defaults were chosen)
/// The cold `dupes` is run twice, with the content verifier (the default) and with --verify none, so the verifier's share
/// shows; the verifier's own count of files described and pairs judged (and their cost) comes from the first run's --json.
/// </summary>
internal static class IndexThroughputBenchmark
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: bench index-throughput FOLDER [--files N] [--model-images N] [--sweep] [--no-cli] [--no-findimagedupes]");
            return Task.FromResult(2);
        }
        var options = Options.Parse(args[1..]);
        var source = Path.GetFullPath(args[0]);
        using var subset = options.Flag("files") ? SubsetFolder.Of(source, options.Int("files", 0)) : null;
        var folder = subset?.Path ?? source;
        var cores = Environment.ProcessorCount;
        var files = FileScanner.Scan([folder], (path, reason) => Console.Error.WriteLine($"{path}: {reason}"));
        var headers = files.Select(f => ImageDecoder.ReadHeader(f)).ToArray(); // also warms the page cache
        using var embedder = new OnnxImageEmbedder(new ModelStore().Resolve(null), EmbedderOptions.Indexing);
        var modelSize = EmbeddingPipeline.DecodeSizeFor(embedder.Manifest.Image);
        var megabytes = files.Sum(f => new FileInfo(f).Length) / 1e6;
        Console.WriteLine($"{files.Count} files ({megabytes:0.0} MB, median {Median(headers.Select(h => (double)h.PixelCount)) / 1e6:0.00} MP) " +
                          $"from {source}{(subset is null ? "" : $" (every {subset.Step}th file)")}; {cores} cores; load average {MachineLoad.Average()}");
        Console.WriteLine($"model {embedder.Model}, ONNX Runtime threads {embedder.Options.Threads}, batch {embedder.Options.BatchSize}; " +
                          $"default decode: shortest side {modelSize.ShortSideAtLeast} px, hash-only decode: within 128 px");
        Console.WriteLine();
        Console.WriteLine($"{"what",-66} {"wall s",8} {"CPU s",8} {"images/s",9}");

        // Warm up JIT and libvips (the page cache is warm from the headers).
        Parallel.ForEach(files.Take(64), f => ImageDecoder.Decode(f, modelSize));

        var rows = new Dictionary<string, Row>();
        void Time(string key, string what, Action action, bool children = false, int? count = null)
        {
            var row = Measure(action, children, count ?? files.Count);
            rows[key] = row;
            Console.WriteLine($"{what,-66} {row.Wall,8:0.00} {row.Cpu,8:0.00} {row.PerSecond,9:0.0}");
        }

        Time("vips128", $"vipsthumbnail, {cores} processes, within 128 px (hash-only floor)",
            () => VipsThumbnailPeer.Run(files, cores, 128), children: true);
        Time("vips256", $"vipsthumbnail, {cores} processes, shortest side 256 (default floor)",
            () => VipsThumbnailPeer.RunShortestSide(files, headers, cores, modelSize.ShortSideAtLeast), children: true);
        // Decoding as the indexer does it: the header (size, format, EXIF) read, then the thumbnail decoded.
        Time("sha256", $"content hash (SHA-256) only, {cores} threads",
            () => Parallel.ForEach(files, f => Sha256File.Of(f, RegularFile.DefaultMaxBytes)));
        Time("decode128", $"our decode only, {cores} threads, within 128 px (header + thumbnail)",
            () => Parallel.For(0, files.Count, i => ImageDecoder.Decode(files[i], ImageHashes.DecodeSize, ImageDecoder.ReadHeader(files[i]), failOnWarning: true)));
        var decoded = new RgbImage[files.Count];
        Time("decode256", $"our decode only, {cores} threads, shortest side 256 (header + thumbnail)",
            () => Parallel.For(0, files.Count, i => decoded[i] = ImageDecoder.Decode(files[i], modelSize, ImageDecoder.ReadHeader(files[i]), failOnWarning: true)));
        Time("hashes", $"hashes only, {cores} threads (trim + 5 hashes + turned pHash, decoded)",
            () => Parallel.ForEach(decoded, image => ImageHashes.Compute(image)));
        Time("prepare", $"model input only, {cores} threads (trim + resize + tensor, decoded)",
            () => Parallel.ForEach(decoded, image => embedder.Prepare([image])));

        // Model alone on prepared tensors: its cost does not depend on the pixels, so a subset keeps memory in bounds.
        var modelImages = Math.Min(options.Int("model-images", 512), files.Count);
        var tensors = decoded.Take(modelImages).Select(image => embedder.Prepare([image])).ToArray();
        decoded = [];
        InferAll(embedder, tensors.Take(embedder.Options.BatchSize * 2).ToArray()); // warm-up: the first run of a batch shape allocates
        Time("model", $"model only, ONNX Runtime threads {embedder.Options.Threads}, batch {embedder.Options.BatchSize} ({modelImages} images)",
            () => InferAll(embedder, tensors), count: modelImages);
        if (options.Flag("sweep"))
        {
            foreach (var threads in new[] { 1, 2 })
            foreach (var batch in new[] { 1, 4, 8, 16, 32 })
            {
                using var trial = new OnnxImageEmbedder(new ModelStore().Resolve(null), EmbedderOptions.Indexing with { Threads = threads, BatchSize = batch });
                InferAll(trial, tensors.Take(batch * 2).ToArray()); // warm-up
                Time($"model-{threads}-{batch}", $"  sweep: model only, threads {threads}, batch {batch}", () => InferAll(trial, tensors), count: modelImages);
            }
        }
        tensors = [];

        if (!options.Flag("no-cli"))
        {
            var cli = LookalikeCliProcess.Prepare();
            Time("index-hashes", "lookalike index --model none (CLI, fresh catalog)",
                () => cli.RunFresh("index", folder, "--model", "none"), children: true);
            Time("index", "lookalike index (CLI, default model, fresh catalog)", () => cli.RunFresh("index", folder), children: true);
            string? report = null;
            Time("dupes", "lookalike dupes (CLI, default, fresh catalog: index + group + verify)",
                () => report = cli.RunFresh("dupes", folder, "--json"), children: true);
            Time("dupes-unverified", "lookalike dupes --verify none (CLI, fresh catalog: index + group)",
                () => cli.RunFresh("dupes", folder, "--verify", "none"), children: true);
            Console.WriteLine($"  verifier in the default dupes: {VerifierCost(report)}");
        }
        if (!options.Flag("no-findimagedupes"))
            Time("findimagedupes", "findimagedupes -R (Debian 2.20, no fingerprint file)", () => RunPeer("findimagedupes", "-R", "--", folder), children: true);

        Console.WriteLine();
        Summarise(rows, cores);
        Console.WriteLine($"load average after: {MachineLoad.Average()}");
        return Task.FromResult(0);
    }

    private sealed record Row(double Wall, double Cpu, int Count)
    {
        public double PerSecond => Count / Wall;
        /// <summary>CPU seconds one image costs.</summary>
        public double CpuPerImage => Cpu / Count;
    }

    private static Row Measure(Action action, bool children, int count)
    {
        double Cpu() => children ? CpuTime.ChildrenSeconds() : CpuTime.Seconds();
        var cpu = Cpu();
        var clock = Stopwatch.StartNew();
        action();
        return new Row(clock.Elapsed.TotalSeconds, Cpu() - cpu, count);
    }

    /// <summary>What the stages allow together: the slowest stage alone on every core, and the sum of every stage's CPU per
    /// image spread over the cores (decode, hashes, model input and inference must all run somewhere).</summary>
    private static void Summarise(Dictionary<string, Row> rows, int cores)
    {
        if (!rows.TryGetValue("decode256", out var decode) || !rows.TryGetValue("model", out var model)) return;
        var stages = new[] { ("SHA-256", rows["sha256"]), ("decode", decode), ("hashes", rows["hashes"]), ("model input", rows["prepare"]), ("model", model) };
        var (slowestName, slowest) = stages.MinBy(s => s.Item2.PerSecond);
        var cpuBound = cores / stages.Sum(s => s.Item2.CpuPerImage);
        Console.WriteLine($"slowest stage: {slowestName} at {slowest.PerSecond:0.0} images/s; all stages' CPU ({stages.Sum(s => s.Item2.CpuPerImage) * 1000:0.0} ms/image) " +
                          $"over {cores} cores allows {cpuBound:0.0} images/s");
        if (rows.TryGetValue("index", out var index))
        {
            Console.WriteLine($"default index: {index.PerSecond:0.0} images/s = {100 * index.PerSecond / slowest.PerSecond:0}% of the slowest stage, " +
                              $"{100 * index.PerSecond / cpuBound:0}% of the CPU bound");
            // On a shared machine wall time is the share the scheduler gave; CPU per image is what the pipeline itself costs.
            Console.WriteLine($"default index CPU: {index.CpuPerImage * 1000:0.0} ms/image against the stages' {stages.Sum(s => s.Item2.CpuPerImage) * 1000:0.0}: " +
                              $"on {cores} free cores at most {cores / index.CpuPerImage:0.0} images/s = {100 * (cores / index.CpuPerImage) / cpuBound:0}% of the CPU bound");
        }
        if (rows.TryGetValue("index-hashes", out var hashes))
            Console.WriteLine($"hash-only index: {hashes.Wall:0.00} s / {hashes.Cpu:0.00} s CPU against vipsthumbnail's {rows["vips128"].Wall:0.00} s / " +
                              $"{rows["vips128"].Cpu:0.00} s within 128 px ({hashes.Wall / rows["vips128"].Wall:0.00}x wall, {hashes.Cpu / rows["vips128"].Cpu:0.00}x CPU)");
        if (rows.TryGetValue("dupes", out var dupes) && rows.TryGetValue("findimagedupes", out var peer))
            Console.WriteLine($"cold dupes: {dupes.Wall:0.00} s wall / {dupes.Cpu:0.00} s CPU against findimagedupes' {peer.Wall:0.00} s / {peer.Cpu:0.00} s " +
                              $"({dupes.Wall / peer.Wall:0.00}x wall, {dupes.Cpu / peer.Cpu:0.00}x CPU)");
        if (rows.TryGetValue("dupes", out var verified) && rows.TryGetValue("dupes-unverified", out var unverified) && rows.TryGetValue("index", out var indexed))
            Console.WriteLine($"cold dupes split: index {indexed.Cpu:0.00} s CPU, grouping {unverified.Cpu - indexed.Cpu:0.00} s, content verifier " +
                              $"{verified.Cpu - unverified.Cpu:0.00} s (differences of the CLI rows)");
    }

    /// <summary>The verifier's own figures from a `dupes --json` report (summary.verifier), in a line.</summary>
    private static string VerifierCost(string? json)
    {
        if (json is null) return "no report";
        using var document = System.Text.Json.JsonDocument.Parse(json);
        if (!document.RootElement.GetProperty("summary").TryGetProperty("verifier", out var v) || v.ValueKind != System.Text.Json.JsonValueKind.Object)
            return "not run";
        int files = v.GetProperty("files").GetInt32(), pairs = v.GetProperty("pairs").GetInt32();
        double perFile = v.GetProperty("microsecondsPerFile").GetDouble(), perPair = v.GetProperty("microsecondsPerPair").GetDouble();
        return $"{files} files described ({perFile / 1000:0.00} ms each), {pairs} pairs judged ({perPair / 1000:0.00} ms each): " +
               $"{(files * perFile + pairs * perPair) / 1e6:0.0} s of work summed over threads";
    }

    private static void InferAll(OnnxImageEmbedder embedder, PreparedBatch[] tensors)
    {
        foreach (var chunk in tensors.Chunk(embedder.Options.BatchSize)) embedder.Infer(PreparedBatch.Combine(chunk));
    }

    /// <summary>Runs a peer to the end and returns its output (stderr kept for a failure).</summary>
    internal static string RunPeer(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} not found (scripts/bootstrap.sh --bench)");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode is not 0 and not 1) throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {stderr.Result}");
        return output;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    /// <summary>The CLI as users run it, from the solution's Release build (dotnet build Lookalike.slnx -c Release), each run
    /// on a fresh catalog.</summary>
    private sealed class LookalikeCliProcess
    {
        private readonly string _dll;

        private LookalikeCliProcess(string dll) => _dll = dll;

        /// <summary>Finds the built CLI and warms it up (page cache, untimed).</summary>
        public static LookalikeCliProcess Prepare()
        {
            var dll = Path.Combine(BenchPaths.RepoRoot, "src", "Lookalike.Cli", "bin", "Release", "net10.0", "Lookalike.Cli.dll");
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} not found: dotnet build Lookalike.slnx -c Release");
            Console.WriteLine($"CLI: {dll}, built {File.GetLastWriteTimeUtc(dll):u}");
            RunPeer("dotnet", dll, "--help");
            return new LookalikeCliProcess(dll);
        }

        public string RunFresh(params string[] arguments)
        {
            var catalog = Directory.CreateTempSubdirectory("lookalike-bench-catalog").FullName;
            try
            {
                return RunPeer("dotnet", [_dll, .. arguments, "--db", Path.Combine(catalog, "catalog.db")]);
            }
            finally
            {
                Directory.Delete(catalog, recursive: true);
            }
        }
    }
}
