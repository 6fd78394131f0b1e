namespace Lookalike.Catalog;

/// <summary>The catalog's tables. Bump <see cref="Version"/> with every change and migrate in <see cref="ImageCatalog"/>.</summary>
internal static class CatalogSchema
{
    public const int Version = 2;

    /// <summary>Steps from an older version to the next, by the version they start from.</summary>
    public static readonly IReadOnlyDictionary<int, string> Upgrades = new Dictionary<int, string>
    {
        // v2 adds the turned pHashes, which only a decode can compute: fingerprint everything again.
        [1] = "DROP TABLE IF EXISTS hashes; DROP TABLE IF EXISTS failures; DELETE FROM images;",
    };

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- One row per image file. size + mtime decide whether a file changed; content_hash (SHA-256)
        -- recognises a moved or copied file without decoding it again.
        CREATE TABLE IF NOT EXISTS images (
            id           INTEGER PRIMARY KEY,
            path         TEXT    NOT NULL UNIQUE,
            size         INTEGER NOT NULL,
            mtime_ticks  INTEGER NOT NULL,
            content_hash TEXT    NOT NULL,
            width        INTEGER NOT NULL,
            height       INTEGER NOT NULL,
            format       TEXT    NOT NULL,
            exif_date    TEXT,
            camera       TEXT
        );
        CREATE INDEX IF NOT EXISTS images_content_hash ON images (content_hash);
        -- Perceptual hashes, 64-bit values stored as signed integers.
        CREATE TABLE IF NOT EXISTS hashes (
            image_id  INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
            ahash     INTEGER NOT NULL,
            dhash     INTEGER NOT NULL,
            phash     INTEGER NOT NULL,
            whash     INTEGER NOT NULL,
            colorhash INTEGER NOT NULL,
            -- pHashes of the image rotated and mirrored: 7 x 8 bytes, little-endian (TurnedPHashes).
            phash_turned BLOB NOT NULL
        );
        -- Files that could not be read, so an unchanged bad file is reported again without re-reading it.
        CREATE TABLE IF NOT EXISTS failures (
            path        TEXT PRIMARY KEY,
            size        INTEGER NOT NULL,
            mtime_ticks INTEGER NOT NULL,
            reason      TEXT    NOT NULL
        );
        """;
}
