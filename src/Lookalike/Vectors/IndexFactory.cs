using System.Text.RegularExpressions;

namespace Lookalike.Vectors;

/// <summary>
/// Creates indexes from FAISS-like description strings and picks one for a collection size.
/// <list type="table">
/// <item><term>"Flat", "F16", "SQ8"</term><description>exact scan over float32, half or 8-bit vectors</description></item>
/// <item><term>"HNSW32"</term><description>HNSW graph with M = 32</description></item>
/// <item><term>"IVF1024,Flat"</term><description>1024 k-means cells, vectors stored as they are</description></item>
/// <item><term>"IVF1024,PQ64"</term><description>1024 cells, 64-byte PQ codes, exact re-rank</description></item>
/// </list>
/// </summary>
public static partial class IndexFactory
{
    /// <summary>Below this many vectors an exact scan is fast enough and never misses.</summary>
    public const int ExactBelow = 100_000;

    public static IVectorIndex Create(string description, int dimension)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Dimension must be positive.");
        var spec = Parse(description);
        if (spec.PqParts > 0 && dimension % spec.PqParts != 0)
            throw new ArgumentException($"Index description '{description}': PQ{spec.PqParts} needs a dimension divisible by {spec.PqParts}, got {dimension}.", nameof(description));
        return spec.Kind switch
        {
            IndexKind.Flat => new FlatIndex(dimension, spec.Storage),
            IndexKind.Hnsw => new HnswIndex(dimension, spec.M),
            _ => new IvfIndex(dimension, spec.Cells, spec.PqParts),
        };
    }

    /// <summary>Parses a description without creating anything; throws naming the bad part.</summary>
    public static IndexSpec Parse(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = description.Trim();
        if (text is "Flat" or "F16" or "SQ8") return new IndexSpec(IndexKind.Flat, text, 0, 0, 0);
        var hnsw = HnswPattern().Match(text);
        if (hnsw.Success)
        {
            var m = ParseCount(hnsw.Groups[1].Value, text, "M");
            return m >= 2 ? new IndexSpec(IndexKind.Hnsw, "Flat", m, 0, 0)
                : throw new ArgumentException($"Index description '{description}': HNSW needs M >= 2.", nameof(description));
        }
        var ivf = IvfPattern().Match(text);
        if (ivf.Success)
        {
            var cells = ParseCount(ivf.Groups[1].Value, text, "the number of cells");
            var parts = ivf.Groups[2].Value == "Flat" ? 0 : ParseCount(ivf.Groups[3].Value, text, "the number of PQ bytes");
            return new IndexSpec(IndexKind.Ivf, parts > 0 ? "PQ" : "Flat", 0, cells, parts);
        }
        throw new ArgumentException(
            $"Unknown index description '{description}'. Expected Flat, F16, SQ8, HNSW<M> (e.g. HNSW32), IVF<cells>,Flat or IVF<cells>,PQ<bytes> (e.g. IVF1024,PQ64).",
            nameof(description));
    }

    /// <summary>
    /// The description to use for <paramref name="count"/> vectors: exact below <see cref="ExactBelow"/>,
    /// then HNSW, or IVF-PQ when the float32 vectors plus graph would not fit <paramref name="memoryBudgetBytes"/>.
    /// </summary>
    public static string Choose(long count, int dimension, long? memoryBudgetBytes = null)
    {
        if (count < ExactBelow) return "Flat";
        const int m = 32;
        var hnswBytes = count * (dimension * sizeof(float) + (2 * m + 1) * sizeof(int) + 16);
        if (memoryBudgetBytes is null || hnswBytes <= memoryBudgetBytes) return $"HNSW{m}";
        var cells = (int)Math.Clamp(1 << (int)Math.Round(Math.Log2(4 * Math.Sqrt(count))), 64, 65536);
        var parts = Enumerable.Range(1, dimension).Last(p => dimension % p == 0 && p <= Math.Max(1, dimension / 8));
        return $"IVF{cells},PQ{parts}";
    }

    private static int ParseCount(string digits, string description, string what) =>
        int.TryParse(digits, out var value) && value > 0
            ? value
            : throw new ArgumentException($"Index description '{description}': {what} must be a positive number, got '{digits}'.", nameof(description));

    [GeneratedRegex(@"^HNSW(\d+)$")]
    private static partial Regex HnswPattern();

    [GeneratedRegex(@"^IVF(\d+),(Flat|PQ(\d+))$")]
    private static partial Regex IvfPattern();
}

public enum IndexKind { Flat, Hnsw, Ivf }

/// <summary>A parsed index description: the kind, how vectors are stored ("Flat", "F16", "SQ8", "PQ") and its numbers.</summary>
public sealed record IndexSpec(IndexKind Kind, string Storage, int M, int Cells, int PqParts);
