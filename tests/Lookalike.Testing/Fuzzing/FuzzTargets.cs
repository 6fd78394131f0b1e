using System.Text;
using Lookalike.Dedup.Actions;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Testing.Fuzzing;

/// <summary>
/// The parsers and the decoder entry that read outside input, as fuzzing targets: each takes arbitrary bytes and
/// may fail only with the exception its caller handles (the documented "bad input" error); anything else, a hang or a
/// crash is a bug. Used by fuzz/Lookalike.Fuzz (SharpFuzz, libFuzzer) and by a short mutation run in the tests.
/// </summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["manifest"] = Manifest,
        ["csv"] = Csv,
        ["model-json"] = ModelJson,
        ["decode"] = Decode,
        ["gif"] = Gif,
    };

    /// <summary>A trash manifest line (sealed, so the JSON parser behind the seal is what is fuzzed); bad lines: InvalidDataException.</summary>
    public static void Manifest(byte[] input) => InTemporaryFolder(folder =>
    {
        // Made here, not in a static field: under afl-fuzz no instrumented code (Lookalike.dll) may run before SharpFuzz's
        // loop has set up the coverage map, and this class is touched to pick the target.
        var seal = new ManifestSeal(new byte[32]);
        var path = Path.Combine(folder, "manifest.jsonl");
        var lines = Encoding.UTF8.GetString(input).Split('\n').Select(line => line.EndsWith('}') ? seal.Seal(line) : line);
        File.WriteAllLines(path, lines);
        try
        {
            new ActionManifest(path).Actions(seal);
        }
        catch (InvalidDataException)
        {
            // the documented answer to a bad manifest
        }
    });

    /// <summary>The CSV reader behind <c>tag import</c>: it never throws; every input is some records.</summary>
    public static void Csv(byte[] input)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(input));
        foreach (var _ in CsvReader.Read(reader)) { }
    }

    /// <summary>A model folder's model.json; bad manifests: ModelException.</summary>
    public static void ModelJson(byte[] input) => InTemporaryFolder(folder =>
    {
        File.WriteAllBytes(Path.Combine(folder, "model.json"), input);
        try
        {
            ModelManifest.Load(folder);
        }
        catch (ModelException)
        {
            // the documented answer to a bad manifest
        }
    });

    /// <summary>The decoder entry the indexer uses; unreadable images: ImageDecodeException.</summary>
    public static void Decode(byte[] input) => InTemporaryFolder(folder =>
    {
        var path = Path.Combine(folder, "input.img");
        File.WriteAllBytes(path, input);
        try
        {
            new Fingerprinter().Compute(path);
        }
        catch (ImageDecodeException)
        {
            // the documented answer to a bad image
        }
    });

    /// <summary>The GIF structure check behind the damaged flag (<see cref="GifIntegrity"/>): pure managed code, so coverage
    /// guidance sees all of it (libvips, under <see cref="Decode"/>, is native and not instrumented). It never throws: every
    /// input is whole or has a problem.</summary>
    public static void Gif(byte[] input) => GifIntegrity.Problem(new MemoryStream(input));

    /// <summary>Runs the target on <paramref name="iterations"/> mutations (bit flips, cuts, splices) of the seeds; returns
    /// the inputs that made it fail in an undocumented way, with the exception.</summary>
    public static List<(byte[] Input, Exception Error)> Mutate(Action<byte[]> target, IReadOnlyList<byte[]> seeds, int iterations, int seed)
    {
        var random = new Random(seed);
        var failures = new List<(byte[], Exception)>();
        for (var i = 0; i < iterations; i++)
        {
            var input = (byte[])seeds[random.Next(seeds.Count)].Clone();
            switch (random.Next(3))
            {
                case 0:
                    for (var flips = 1 + random.Next(8); flips > 0 && input.Length > 0; flips--) input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    input = input[..random.Next(input.Length + 1)];
                    break;
                default:
                    var other = seeds[random.Next(seeds.Count)];
                    var cut = random.Next(input.Length + 1);
                    input = [.. input[..cut], .. other[random.Next(other.Length + 1)..]];
                    break;
            }
            try
            {
                target(input);
            }
            catch (Exception e)
            {
                failures.Add((input, e));
            }
        }
        return failures;
    }

    private static void InTemporaryFolder(Action<string> body)
    {
        var folder = Path.Combine(Path.GetTempPath(), "lookalike-fuzz-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            body(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
