namespace Lookalike.Web;

/// <summary>What <c>lookalike serve</c> was asked for.</summary>
/// <param name="Folders">The indexed folders (absolute); images outside them are never served. Empty: the catalog's own images.</param>
/// <param name="CatalogPath">The catalog.db to open (created if missing).</param>
/// <param name="Urls">Addresses to listen on; anything but loopback needs <paramref name="Token"/>.</param>
/// <param name="Token">Secret every request must carry (cookie, header or ?token= once); null: none asked.</param>
/// <param name="ModelDirectory">Embedding model folder, or null for hashes only.</param>
public sealed record ServeOptions(
    IReadOnlyList<string> Folders,
    string CatalogPath,
    IReadOnlyList<string> Urls,
    string? Token = null,
    string? ModelDirectory = null)
{
    /// <summary>Largest upload accepted for a search query.</summary>
    public long MaxUploadBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>Largest query image, in pixels, decoded for a search (decompression bombs).</summary>
    public long MaxUploadPixels { get; init; } = 40_000_000;

    /// <summary>Index <see cref="Folders"/> when the server starts.</summary>
    public bool IndexOnStart { get; init; } = true;
}
