namespace Lookalike.Catalog;

/// <summary>The catalog's tables. Bump <see cref="Version"/> with every change and migrate in <see cref="ImageCatalog"/>.</summary>
internal static class CatalogSchema
{
    public const int Version = 6;

    /// <summary>Steps from an older version to the next, by the version they start from.</summary>
    public static readonly IReadOnlyDictionary<int, string> Upgrades = new Dictionary<int, string>
    {
        // v2 adds the turned pHashes, which only a decode can compute: fingerprint everything again.
        [1] = "DROP TABLE IF EXISTS hashes; DROP TABLE IF EXISTS failures; DELETE FROM images;",
        // v3 only adds tables and triggers (tags, metadata, embedding stamps): Create makes them and every row
        // stays, so there is no step from 2. Embeddings written before v3 have no stamp, which reads as generation 0.
        // v4 hashes the content inside flat margins: every image must be decoded again. Clearing the stamp and the
        // content hash makes the indexer treat each file as changed and new (not as a copy of a known one), so it
        // is fingerprinted in place and keeps its id, tags and metadata.
        [3] = "DROP TABLE IF EXISTS hashes; UPDATE images SET size = -1, content_hash = '';",
        // v5 makes dedup_decisions one of the catalog's own tables. Catalogs before it may already hold the table,
        // created with the same shape by the decision store on first use, so Create (IF NOT EXISTS) keeps their
        // rows and there is no step from 4.
        // v6 adds images.damaged (files that decoded only with errors, never chosen as keepers). ImageCatalog adds
        // the column when it is missing rather than by a step here, which would fail on a file that has it already;
        // existing rows read as intact until their file changes.
    };

    public const string AddDamaged = "ALTER TABLE images ADD COLUMN damaged INTEGER NOT NULL DEFAULT 0;";

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
            camera       TEXT,
            -- 1 when the file decoded only with errors (ImageRecord.Damaged)
            damaged      INTEGER NOT NULL DEFAULT 0
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
        -- Neural embeddings, one per image and model ("name@version"): vectors of different models never mix.
        -- L2-normalised float16, little-endian.
        CREATE TABLE IF NOT EXISTS embeddings (
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            model    TEXT    NOT NULL,
            vector   BLOB    NOT NULL,
            PRIMARY KEY (image_id, model)
        );
        -- Files that could not be read, so an unchanged bad file is reported again without re-reading it.
        CREATE TABLE IF NOT EXISTS failures (
            path        TEXT PRIMARY KEY,
            size        INTEGER NOT NULL,
            mtime_ticks INTEGER NOT NULL,
            reason      TEXT    NOT NULL
        );
        -- Tags the user gave images (lookalike tag), and key=value metadata (tag import file,key,value).
        CREATE TABLE IF NOT EXISTS tags (
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            tag      TEXT    NOT NULL,
            PRIMARY KEY (image_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS tags_tag ON tags (tag);
        CREATE TABLE IF NOT EXISTS metadata (
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            key      TEXT    NOT NULL,
            value    TEXT    NOT NULL,
            PRIMARY KEY (image_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS metadata_key_value ON metadata (key, value);
        -- A counter per model, bumped by every write or delete of that model's embeddings, and the counter
        -- value each embedding was written at: a saved vector index remembers the counter it was built at,
        -- so it knows at once whether it is current and, if not, reads only what changed since.
        -- Triggers keep both, so every writer (and ON DELETE CASCADE) is covered.
        CREATE TABLE IF NOT EXISTS embedding_generations (
            model      TEXT PRIMARY KEY,
            generation INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS embedding_stamps (
            image_id   INTEGER NOT NULL,
            model      TEXT    NOT NULL,
            generation INTEGER NOT NULL,
            PRIMARY KEY (image_id, model)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS embedding_stamps_generation ON embedding_stamps (model, generation);
        -- What the user decided about two pictures (lookalike decide), by content so it follows them through moves:
        -- lower-case hex SHA-256 with hash_a <= hash_b, decided_utc ISO 8601.
        CREATE TABLE IF NOT EXISTS dedup_decisions (
            hash_a      TEXT NOT NULL,
            hash_b      TEXT NOT NULL,
            decision    TEXT NOT NULL CHECK (decision IN ('not-duplicates', 'keep-both')),
            decided_utc TEXT NOT NULL,
            PRIMARY KEY (hash_a, hash_b)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS embeddings_written AFTER INSERT ON embeddings BEGIN
            INSERT INTO embedding_generations (model, generation) VALUES (NEW.model, 1)
                ON CONFLICT (model) DO UPDATE SET generation = generation + 1;
            INSERT OR REPLACE INTO embedding_stamps (image_id, model, generation)
                VALUES (NEW.image_id, NEW.model, (SELECT generation FROM embedding_generations WHERE model = NEW.model));
        END;
        CREATE TRIGGER IF NOT EXISTS embeddings_deleted AFTER DELETE ON embeddings BEGIN
            INSERT INTO embedding_generations (model, generation) VALUES (OLD.model, 1)
                ON CONFLICT (model) DO UPDATE SET generation = generation + 1;
            DELETE FROM embedding_stamps WHERE image_id = OLD.image_id AND model = OLD.model;
        END;
        """;
}
