using Lookalike.Fingerprints.Hashes;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Bench;

/// <summary>
/// Decode throughput over ../shared/photos on every core: Lookalike's decode (header + shrink-on-load
/// thumbnail to the hashes' 128 px) with the libvips this process loaded, next to vipsthumbnail shrinking
/// the same files to the same size in the same run. Run it once per build to compare them:
/// LOOKALIKE_LIBVIPS=system|bundled bench decode [--rounds N] [--folder DIR]
/// </summary>
internal static class DecodeBenchmark
{
    public static Task<int> Run(string[] args)
    {
        var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(3);
        var folder = args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault() ?? BenchPaths.SharedPhotos;
        var libvips = LibvipsInfo.OfThisProcess();
        var files = FileScanner.Scan([folder], (path, reason) => Console.Error.WriteLine($"{path}: {reason}"));
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"{files.Count} files from {folder}; {cores} cores; best of {rounds} rounds");
        Console.WriteLine($"Lookalike decodes with libvips {libvips.Version} ({libvips.Build.ToString().ToLowerInvariant()}, {libvips.Path})");
        Console.WriteLine();
        Console.WriteLine($"{"what",-52} {"images/s",10} {"ms/image/core",14}");

        // Warm up JIT, libvips and the page cache once.
        Parallel.ForEach(files, f => ImageDecoder.Decode(f, ImageHashes.DecodeSize));
        VipsThumbnailPeer.Run(files, cores, 128);

        HashingBenchmark.Report("vipsthumbnail -s 128 (Debian libvips CLI)", files.Count, cores, rounds,
            () => VipsThumbnailPeer.Run(files, cores, 128));
        HashingBenchmark.Report($"Lookalike decode to 128 (libvips {libvips.Version})", files.Count, cores, rounds,
            () => Parallel.ForEach(files, f => ImageDecoder.Decode(f, ImageHashes.DecodeSize)));
        HashingBenchmark.Report($"Lookalike header only (libvips {libvips.Version})", files.Count, cores, rounds,
            () => Parallel.ForEach(files, f => ImageDecoder.ReadHeader(f)));
        return Task.FromResult(0);
    }
}
