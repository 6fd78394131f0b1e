using System.Diagnostics;
using Lookalike.Dedup;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Ingest;
using Lookalike.Loading;
using Lookalike.Vectors;

namespace Lookalike.Bench;

/// <summary>
/// The dedup grouping step at scale on generated pHashes: all pairs within a Hamming radius (multi-index
/// hashing), connected components, and the rotation/mirror step (each image's 7 turned pHashes as queries
/// against all plain pHashes).
/// <para>--codes uniform: random codes with 32 bits set (pHash's median split). --codes photos: each code is
/// the pHash of a random photo of ../shared/photos with every bit flipped with probability --flip (default
/// 0.3), its turned pHashes flipped by the same mask, so bit biases and the plain/turned relations of real
/// pHashes carry over and codes crowd around 114 centres (a harder case than uniform). Both plant 10% near
/// copies (clusters of 2-10 within 2-6 bits) and 1% rotated copies.</para>
/// usage: bench grouping [--count N] [--radii 4,8,10] [--turned-radii 6,8] [--codes uniform|photos] [--flip P] [--repeat N]
/// </summary>
internal static class GroupingBenchmark
{
    public static Task<int> Run(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var count = int.Parse(Option("--count") ?? "1000000");
        var radii = (Option("--radii") ?? "4,8,10").Split(',').Select(int.Parse).ToArray();
        var turnedRadii = (Option("--turned-radii") ?? "6,8").Split(',').Select(int.Parse).ToArray();
        var repeat = int.Parse(Option("--repeat") ?? "1");
        var source = Option("--codes") ?? "uniform";
        var flip = double.Parse(Option("--flip") ?? "0.3", System.Globalization.CultureInfo.InvariantCulture);
        var (codes, turned) = source switch
        {
            "uniform" => Uniform(count, seed: 7),
            "photos" => FromPhotos(count, flip, seed: 7),
            _ => throw new ArgumentException($"--codes must be uniform or photos, got '{source}'."),
        };
        Console.WriteLine($"{count:N0} pHashes ({source}{(source == "photos" ? $", flip {flip}" : "")}; 10% near copies, 1% rotated copies), "
                          + $"{turned.Length:N0} turned pHashes, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"step",-16} {"radius",6} {"pairs",12} {"groups",10} {"pairs s",9} {"cpu s",7} {"group s",9} {"peak MB",9}");
        for (int round = 0; round < repeat; round++)
        {
            foreach (var radius in radii)
            {
                using var memory = new PeakMemory();
                var (clock, cpu) = (Stopwatch.StartNew(), CpuTime.Seconds());
                var pairs = HammingPairFinder.FindPairs(codes, radius);
                var (pairSeconds, pairCpu) = (clock.Elapsed.TotalSeconds, CpuTime.Seconds() - cpu);
                clock.Restart();
                var groups = DuplicateGrouper.Group(codes.Length, pairs.Select(p => (p.A, p.B)));
                var groupSeconds = clock.Elapsed.TotalSeconds;
                Console.WriteLine($"{"pairs",-16} {radius,6} {pairs.Count,12:N0} {groups.Count,10:N0} {pairSeconds,9:0.00} {pairCpu,7:0.0} {groupSeconds,9:0.00} {memory.Megabytes,9:0}");
            }
            foreach (var radius in turnedRadii)
            {
                using var memory = new PeakMemory();
                var (clock, cpu) = (Stopwatch.StartNew(), CpuTime.Seconds());
                var matches = HammingPairFinder.FindMatches(turned, codes, radius);
                var (seconds, cpuSeconds) = (clock.Elapsed.TotalSeconds, CpuTime.Seconds() - cpu);
                // A query is image q / 7's turned pHash; an image matching its own turn is no copy.
                var rotated = matches.Count(m => m.Query / TurnedPHashes.Transforms.Length != m.Target);
                Console.WriteLine($"{"turned matches",-16} {radius,6} {rotated,12:N0} {"",10} {seconds,9:0.00} {cpuSeconds,7:0.0} {"",9} {memory.Megabytes,9:0}");
            }
        }
        return Task.FromResult(0);
    }


    /// <summary>Random balanced codes; turned pHashes random too (unrelated to their image).</summary>
    internal static (ulong[] Codes, ulong[] Turned) Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var codes = WithNearCopies(count, random, () => RandomBalanced(random), (_, code) => code);
        var turned = new ulong[count * TurnedPHashes.Transforms.Length];
        for (int k = 0; k < turned.Length; k++) turned[k] = RandomBalanced(random);
        PlantRotatedCopies(codes, turned, random);
        return (codes, turned);
    }

    /// <summary>Codes drawn around real photos' pHashes (see the class summary).</summary>
    private static (ulong[] Codes, ulong[] Turned) FromPhotos(int count, double flip, int seed)
    {
        var files = FileScanner.Scan([BenchPaths.SharedPhotos], (path, reason) => Console.Error.WriteLine($"{path}: {reason}"));
        var photos = files.AsParallel().Select(f => ImageHashes.Compute(ImageDecoder.Decode(f, ImageHashes.DecodeSize))).ToArray();
        var random = new Random(seed);
        var turnedList = new List<ulong>(count * TurnedPHashes.Transforms.Length);
        // Each code remembers its photo and flip mask so its turned pHashes get the same flips.
        var codes = WithNearCopies(count, random, () =>
        {
            var photo = photos[random.Next(photos.Length)];
            var mask = 0UL;
            for (int bit = 0; bit < 64; bit++) if (random.NextDouble() < flip) mask |= 1UL << bit;
            turnedList.AddRange(photo.TurnedPHash.ToArray().Select(t => t ^ mask));
            return photo.PHash ^ mask;
        }, (centreIndex, copy) =>
        {
            turnedList.AddRange(turnedList.GetRange(centreIndex * TurnedPHashes.Transforms.Length, TurnedPHashes.Transforms.Length));
            return copy;
        });
        var turned = turnedList.ToArray();
        PlantRotatedCopies(codes, turned, random);
        return (codes, turned);
    }

    /// <summary>Cluster centres from <paramref name="centre"/>, about 10% of all codes near copies (1-3 swaps of
    /// a set and a clear bit) of a centre; <paramref name="copied"/> hears of each copy with its centre's index.</summary>
    private static ulong[] WithNearCopies(int count, Random random, Func<ulong> centre, Func<int, ulong, ulong> copied)
    {
        var codes = new ulong[count];
        int i = 0;
        while (i < count)
        {
            var centreIndex = i;
            codes[i++] = centre();
            if (random.NextDouble() < 0.1 * 2 / 6.0) // on average 6 copies per cluster → ~10% clustered
                for (int copies = random.Next(1, 10); copies > 0 && i < count; copies--)
                    codes[i++] = copied(centreIndex, Swap(codes[centreIndex], random.Next(1, 4), random));
        }
        return codes;
    }

    /// <summary>1% of images become a rotated copy of another: one turned pHash close to the other's pHash.</summary>
    private static void PlantRotatedCopies(ulong[] codes, ulong[] turned, Random random)
    {
        for (int planted = 0; planted < codes.Length / 100; planted++)
        {
            int image = random.Next(codes.Length), other = random.Next(codes.Length);
            turned[image * TurnedPHashes.Transforms.Length + random.Next(TurnedPHashes.Transforms.Length)] = Swap(codes[other], random.Next(0, 3), random);
        }
    }

    private static ulong RandomBalanced(Random random)
    {
        var bits = Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(32);
        return bits.Aggregate(0UL, (code, bit) => code | (1UL << bit));
    }

    /// <summary>Moves <paramref name="swaps"/> set bits elsewhere: distance 2 x swaps, set-bit count unchanged.</summary>
    private static ulong Swap(ulong code, int swaps, Random random)
    {
        for (int s = 0; s < swaps; s++)
        {
            if (code == 0 || code == ulong.MaxValue) break;
            int on, off;
            do on = random.Next(64); while ((code >> on & 1) == 0);
            do off = random.Next(64); while ((code >> off & 1) == 1);
            code ^= (1UL << on) | (1UL << off);
        }
        return code;
    }
}
