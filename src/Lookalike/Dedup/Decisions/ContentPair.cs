namespace Lookalike.Dedup.Decisions;

/// <summary>
/// The key of a decision: two content hashes in a canonical order, so that (a, b) and (b, a) are one pair
/// and the same decision covers every copy of either content wherever it lives.
/// </summary>
public readonly record struct ContentPair
{
    public string Low { get; }
    public string High { get; }

    public ContentPair(string hashA, string hashB)
    {
        var a = Normalize(hashA);
        var b = Normalize(hashB);
        (Low, High) = string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
    }

    public bool IsSameContent => Low == High;

    private static string Normalize(string hash)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{hash}' is not a SHA-256 in hex", nameof(hash));
        return hash.ToLowerInvariant();
    }
}
