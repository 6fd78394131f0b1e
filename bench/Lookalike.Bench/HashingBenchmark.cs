using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Bench;

/// <summary>
/// Hashing throughput over ../shared/photos on every core, next to vipsthumbnail (libvips' own
/// command-line tool: the decode floor) shrinking the same files to the same size in the same run.
/// usage: bench hashing [--rounds N] [--folder DIR]
/// </summary>
internal static class HashingBenchmark
{
    public static Task<int> Run(string[] args)
    {
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var folder = args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault() ?? BenchPaths.SharedPhotos;
        var files = FileScanner.Scan([folder], (path, reason) => Console.Error.WriteLine($"{path}: {reason}"));
        var megabytes = files.Sum(f => new FileInfo(f).Length) / 1e6;
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"{files.Count} files ({megabytes:0.0} MB) from {folder}; {cores} cores; best of {rounds} rounds");
        Console.WriteLine();
        Console.WriteLine($"{"what",-52} {"images/s",10} {"ms/image/core",14}");

        // Warm up JIT, libvips and the page cache once.
        Parallel.ForEach(files, f => ImageHashes.Compute(ImageDecoder.Decode(f, ImageHashes.DecodeSize)));
        VipsThumbnailPeer.Run(files, cores, 128);

        Report("vipsthumbnail -s 128 (libvips CLI, decode floor)", files.Count, cores, rounds, () => VipsThumbnailPeer.Run(files, cores, 128));
        Report("Lookalike decode (header + thumbnail to 128)", files.Count, cores, rounds,
            () => Parallel.ForEach(files, f => ImageDecoder.Decode(f, ImageHashes.DecodeSize)));
        Report("Lookalike decode + all 5 hashes", files.Count, cores, rounds,
            () => Parallel.ForEach(files, f => ImageHashes.Compute(ImageDecoder.Decode(f, ImageHashes.DecodeSize))));
        var decoded = files.Select(f => ImageDecoder.Decode(f, ImageHashes.DecodeSize)).ToArray();
        Report("all 5 hashes from decoded 128px thumbnails", files.Count, cores, rounds,
            () => Parallel.ForEach(decoded, image => ImageHashes.Compute(image)));
        Report("lookalike index, fresh catalog (SHA-256 + SQLite)", files.Count, cores, rounds, () =>
        {
            var db = Path.Combine(Path.GetTempPath(), $"lookalike-bench-{Guid.NewGuid():N}.db");
            try
            {
                using var catalog = ImageCatalog.Open(db);
                new ImageIndexer(catalog).Index([folder]);
            }
            finally
            {
                foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(db) + "*")) File.Delete(f);
            }
        });
        return Task.FromResult(0);
    }

    internal static void Report(string what, int count, int cores, int rounds, Action action)
    {
        var best = Enumerable.Range(0, rounds).Min(_ =>
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalSeconds;
        });
        Console.WriteLine($"{what,-52} {count / best,10:0.0} {best * 1000 * cores / count,14:0.00}");
    }
}
