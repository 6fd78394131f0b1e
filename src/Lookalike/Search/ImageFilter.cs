using Lookalike.Catalog;
namespace Lookalike.Search;

/// <summary>
/// Which cataloged images a search may return: those with every tag in <see cref="Tags"/>, below
/// <see cref="Folder"/> (absolute), and with every key=value in <see cref="Values"/>. No condition allows all.
/// </summary>
public sealed record ImageFilter(IReadOnlyList<string> Tags, string? Folder, IReadOnlyList<KeyValuePair<string, string>> Values)
{
    public static readonly ImageFilter All = new([], null, []);

    public bool AllowsAll => Tags.Count == 0 && Folder is null && Values.Count == 0;

    /// <summary>Parses "key=value" (the value may itself hold '=' and may be empty).</summary>
    public static KeyValuePair<string, string> ParseCondition(string text)
    {
        var split = text.IndexOf('=');
        if (split <= 0) throw new ArgumentException($"'{text}' is not key=value.");
        return new(text[..split].Trim(), text[(split + 1)..]);
    }

    /// <summary>The ids of the images that pass, or null when every image does.</summary>
    public HashSet<long>? Select(ImageCatalog catalog)
    {
        if (AllowsAll) return null;
        var tags = new ImageTags(catalog);
        HashSet<long>? allowed = null;
        void Require(IEnumerable<long> ids)
        {
            if (allowed is null) allowed = ids.ToHashSet();
            else allowed.IntersectWith(ids);
        }
        foreach (var tag in Tags) Require(tags.IdsWithTag(tag));
        foreach (var (key, value) in Values) Require(tags.IdsWithValue(key, value));
        if (Folder is not null) Require(catalog.GetImages([Folder]).Select(i => i.Id));
        return allowed;
    }
}
