namespace Lookalike.Search;

/// <summary>
/// Everything a search is asked to do, in the user's terms: exactly one query (an image, a text, or a folder or list of
/// query images), how many results, which images may be returned, and which model and index kind to search through.
/// <see cref="Check"/> rejects nonsense before anything is read.
/// </summary>
public sealed record SearchRequest
{
    public const int DefaultK = 10;

    /// <summary>A query image file, cataloged or not.</summary>
    public string? Image { get; init; }

    /// <summary>A text query (needs a model with a text tower).</summary>
    public string? Text { get; init; }

    /// <summary>Many query images: a folder (searched recursively) or a file listing one image per line, relative to its folder.</summary>
    public string? Queries { get; init; }

    /// <summary>Number of results per query, at least 1.</summary>
    public int K { get; init; } = DefaultK;

    /// <summary>Only images with all of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Only images below this folder.</summary>
    public string? Folder { get; init; }

    /// <summary>Only images whose metadata has all of these <c>key=value</c> conditions.</summary>
    public IReadOnlyList<string> Where { get; init; } = [];

    /// <summary>Leave out results with a cosine below this (-1..1); null: keep every score.</summary>
    public float? MinScore { get; init; }

    /// <summary>Embedding model whose vectors to search (a name or folder); null: the built-in default.</summary>
    public string? Model { get; init; }

    /// <summary>Index kind (see <see cref="CatalogVectorIndex.Open"/>); null: the saved index's kind, else chosen by size.</summary>
    public string? IndexKind { get; init; }

    /// <summary>True when the request holds a folder or list of queries, so it yields one answer per query image.</summary>
    public bool IsBatch => Queries is not null;

    /// <exception cref="BadInputException">Not exactly one query, or a value out of range.</exception>
    public void Check()
    {
        if (new[] { Image, Text, Queries }.Count(q => q is not null) != 1)
            throw new BadInputException("give exactly one query: an image, a text, or a folder or list of query images");
        if (K < 1) throw new BadInputException($"the number of results must be at least 1, not {K}");
        if (MinScore is { } score && !(score >= -1 && score <= 1)) throw new BadInputException($"a cosine lies in -1..1, not {score}");
    }

    /// <summary>The filter the request names.</summary>
    /// <exception cref="BadInputException">A tag or condition is malformed.</exception>
    public ImageFilter Filter()
    {
        try
        {
            return new ImageFilter(Tags.Select(Catalog.ImageTags.Clean).ToList(), Folder is null ? null : Path.GetFullPath(Folder),
                Where.Select(ImageFilter.ParseCondition).ToList());
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message, e);
        }
    }
}
