using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Keep;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Dedup;

/// <summary>
/// Everything a duplicate search is asked to do, in the user's terms: which fingerprint and limits, how to choose the
/// keeper, and what to do with the rest. <see cref="Check"/> rejects nonsense before anything is read or written.
/// </summary>
public sealed record DuplicateSearchSettings
{
    /// <summary>The default method: pHash, turned pHash and the embedding together.</summary>
    public const string Combined = "combined";

    /// <summary>The embedding alone, at one cosine limit.</summary>
    public const string Embedding = "embedding";

    /// <summary>Bits in each perceptual hash, so the largest meaningful Hamming distance.</summary>
    public const int HashBits = 64;

    /// <summary>Every method name: combined, embedding and the hash names.</summary>
    public static IReadOnlyList<string> Methods { get; } =
        [Combined, .. Enum.GetValues<HashMethod>().Select(h => h.ToString().ToLowerInvariant()), Embedding];

    /// <summary>Folders or files whose images are compared (absolute or relative to the working folder).</summary>
    public required IReadOnlyList<string> Roots { get; init; }

    public string Method { get; init; } = Combined;

    /// <summary>Also group merely similar pictures (bursts, one scene): combined method only.</summary>
    public bool Similar { get; init; }

    /// <summary>The content verifier for candidate pairs: <see cref="VerifyContent"/> or <see cref="VerifyNone"/>; null:
    /// content, with every method. A single hash alone is not precise on unseen pictures (second set, pairwise:
    /// dhash 0.709, whash 0.883, ahash 0.937, colorhash 0.083 without it; 0.9998-1.0000 with it), so its links are the
    /// verifier's candidates unless the user asks for the fingerprints alone.</summary>
    public string? Verify { get; init; }

    public const string VerifyContent = "content";
    public const string VerifyNone = "none";

    /// <summary>Whether candidate pairs go through the content verifier.</summary>
    public bool VerifiesContent => (Verify ?? VerifyContent) == VerifyContent;

    /// <summary>Largest Hamming distance (0..64) that still links two images; null: the method's default.</summary>
    public int? MaxDistance { get; init; }

    /// <summary>Lowest embedding cosine (-1..1) that links two images alone; null: the method's default.</summary>
    public float? MinSimilarity { get; init; }

    /// <summary>Keep-best rules in order, comma-separated (see <see cref="KeepPolicy.Parse"/>); null: the default order.</summary>
    public string? KeepRules { get; init; }

    /// <summary>Folders whose files are preferred as keepers, most preferred first.</summary>
    public IReadOnlyList<string> PreferredFolders { get; init; } = [];

    public DedupAction Action { get; init; } = DedupAction.Report;

    /// <summary>The user confirmed that <see cref="DedupAction.Delete"/> deletes for good.</summary>
    public bool DeleteConfirmed { get; init; }

    /// <summary>The trash to use instead of the one beside the catalog.</summary>
    public string? TrashDirectory { get; init; }

    /// <summary>Link a duplicate to its keeper even when their pixels differ.</summary>
    public bool ForceLink { get; init; }

    /// <summary>Also save the report to this .json or .csv file.</summary>
    public string? ExportPath { get; init; }

    /// <summary>Throws when the settings make no sense; touches nothing.</summary>
    /// <param name="hasModel">Whether an embedding model is available.</param>
    /// <exception cref="BadInputException">With a message naming the value.</exception>
    public void Check(bool hasModel)
    {
        if (!Methods.Contains(Method)) throw new BadInputException($"unknown method '{Method}': use {string.Join(", ", Methods)}");
        if (Verify is not (null or VerifyContent or VerifyNone)) throw new BadInputException($"unknown verifier '{Verify}': use {VerifyContent} or {VerifyNone}");
        if (Similar && Method != Combined) throw new BadInputException("grouping similar pictures works with the combined method only");
        if (Method == Embedding && !hasModel) throw new BadInputException("the embedding method needs a model; see 'lookalike models list'");
        if (MaxDistance is < 0 or > HashBits) throw new BadInputException($"a Hamming distance between {HashBits}-bit hashes is 0 to {HashBits}, not {MaxDistance}");
        if (MinSimilarity is { } cosine && !(cosine is >= -1 and <= 1)) throw new BadInputException($"a cosine similarity is -1 to 1, not {cosine}");
        if (Action == DedupAction.Delete && !DeleteConfirmed)
            throw new BadInputException("deleting duplicates for good needs an explicit confirmation (moving them to the trash can be undone)");
        if (ExportPath is { } export)
        {
            if (Path.GetExtension(export).ToLowerInvariant() is not (".csv" or ".json"))
                throw new BadInputException($"{export}: a report file name must end in .csv or .json");
            var folder = Path.GetDirectoryName(Path.GetFullPath(export))!;
            if (!Directory.Exists(folder)) throw new BadInputException($"{export}: the folder {folder} does not exist");
        }
        _ = Policy();
    }

    /// <summary>The keep-best policy.</summary>
    /// <exception cref="BadInputException">A rule name is unknown.</exception>
    public KeepPolicy Policy()
    {
        try
        {
            return KeepPolicy.Parse(KeepRules ?? string.Join(',', KeepPolicy.Default.Rules.Select(KeepPolicy.Name)), PreferredFolders);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException($"keep-best rules '{KeepRules}': {e.Message}", e);
        }
    }

    /// <summary>The criteria the method and limits stand for, with or without embeddings.</summary>
    public DuplicateCriteria Criteria(bool hasModel)
    {
        // Not the model's match limit: that suits search, and as a dedup limit alone it chains unrelated photos
        // (docs/dedup-evaluation.md).
        if (Method == Embedding) return DuplicateCriteria.EmbeddingOnly(MinSimilarity ?? DuplicateCriteria.EmbeddingOnlyMinSimilarity);
        if (Method != Combined)
        {
            var hash = Enum.Parse<HashMethod>(Method, ignoreCase: true);
            return DuplicateCriteria.HashOnly(hash, MaxDistance ?? HashDuplicateFinder.DefaultMaxDistance(hash));
        }
        var criteria = DuplicateCriteria.Combined(hasModel, Similar);
        return criteria with
        {
            HashMaxDistance = MaxDistance ?? criteria.HashMaxDistance,
            // One plain cosine limit replaces the calibrated embedding rules.
            EmbeddingRules = hasModel && MinSimilarity is { } cosine ? [new EmbeddingRule(cosine)] : criteria.EmbeddingRules,
        };
    }
}
