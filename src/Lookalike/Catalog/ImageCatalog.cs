using System.Globalization;
using Lookalike.Files;
using Lookalike.Fingerprints.Hashes;
using Microsoft.Data.Sqlite;

namespace Lookalike.Catalog;

/// <summary>
/// The SQLite file that remembers every indexed image and its fingerprints. One connection, used from
/// one thread at a time; writes go through <see cref="BeginTransaction"/> so a crash loses at most the
/// batch in flight.
/// </summary>
public sealed class ImageCatalog : IDisposable
{
    public const string FileName = "catalog.db";

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private ImageCatalog(SqliteConnection connection, string path)
    {
        _connection = connection;
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating when missing) the catalog file at <paramref name="path"/>; <see cref="CatalogLocation"/>
    /// decides where that is.</summary>
    /// <exception cref="CatalogException">The file cannot be created or opened, is not a catalog, or is from a newer Lookalike.</exception>
    public static ImageCatalog Open(string path)
    {
        SystemSqlite.Use();
        path = Path.GetFullPath(path);
        SqliteConnection? connection = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            var catalog = new ImageCatalog(connection, path);
            // WAL: readers never block the indexer, and a killed process leaves a consistent database.
            catalog.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
            catalog.Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
            catalog.Upgrade();
            catalog.Execute(CatalogSchema.Create);
            if (!catalog.HasColumn("images", "damaged")) catalog.Execute(CatalogSchema.AddDamaged);
            return catalog;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            connection?.Dispose();
            throw new CatalogException($"cannot open the catalog {path}: {e.Message}", e);
        }
        catch (CatalogException)
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>The connection, for tests that inspect the file; stores go through <see cref="Command"/> so they join the open transaction.</summary>
    public SqliteConnection Connection => _connection;

    /// <summary>Starts a transaction that every catalog command joins until it is committed or disposed.</summary>
    public SqliteTransaction BeginTransaction() => _transaction = _connection.BeginTransaction();

    /// <summary>Every image, or only those below the given folders.</summary>
    public List<ImageRecord> GetImages(IReadOnlyList<string>? roots = null)
    {
        using var command = Command($"SELECT {ImageColumns} FROM images ORDER BY path");
        var images = new List<ImageRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var record = ReadImage(reader);
            if (roots == null || IsUnder(record.Path, roots)) images.Add(record);
        }
        return images;
    }

    public List<ImageRecord> FindByContentHash(string contentHash) => FindImages("content_hash", contentHash);

    public ImageRecord? FindByPath(string path) => FindImages("path", path).SingleOrDefault();

    /// <summary>The image at <paramref name="path"/> (made absolute), or at its real path when links lead elsewhere.</summary>
    public ImageRecord? FindFile(string path)
    {
        var full = Path.GetFullPath(path);
        return FindByPath(full) ?? (RealPath.Of(full) is { } real && real != full ? FindByPath(real) : null);
    }

    public ImageRecord? GetImage(long id)
    {
        using var command = Command($"SELECT {ImageColumns} FROM images WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadImage(reader) : null;
    }

    private List<ImageRecord> FindImages(string column, string value)
    {
        using var command = Command($"SELECT {ImageColumns} FROM images WHERE {column} = $value");
        command.Parameters.AddWithValue("$value", value);
        var images = new List<ImageRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) images.Add(ReadImage(reader));
        return images;
    }

    /// <summary>Perceptual hashes by image id.</summary>
    public Dictionary<long, ImageHashes> GetHashes()
    {
        using var command = Command("SELECT image_id, ahash, dhash, phash, whash, colorhash, phash_turned FROM hashes");
        var hashes = new Dictionary<long, ImageHashes>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            hashes[reader.GetInt64(0)] = new ImageHashes(
                (ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2), (ulong)reader.GetInt64(3), (ulong)reader.GetInt64(4), (ulong)reader.GetInt64(5),
                TurnedPHashes.FromBytes((byte[])reader.GetValue(6)));
        return hashes;
    }

    /// <summary>Embeddings of one model (its <see cref="Fingerprints.Embeddings.ModelInfo"/> key) by image id.</summary>
    public Dictionary<long, float[]> GetEmbeddings(string model)
    {
        using var command = Command("SELECT image_id, vector FROM embeddings WHERE model = $model");
        command.Parameters.AddWithValue("$model", model);
        var vectors = new Dictionary<long, float[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) vectors[reader.GetInt64(0)] = HalfVector.Decode((byte[])reader.GetValue(1));
        return vectors;
    }

    public float[]? GetEmbedding(long imageId, string model)
    {
        using var command = Command("SELECT vector FROM embeddings WHERE image_id = $id AND model = $model");
        command.Parameters.AddWithValue("$id", imageId);
        command.Parameters.AddWithValue("$model", model);
        return command.ExecuteScalar() is byte[] bytes ? HalfVector.Decode(bytes) : null;
    }

    /// <summary>Ids of the images that have an embedding of <paramref name="model"/>.</summary>
    public HashSet<long> GetEmbeddedIds(string model)
    {
        using var command = Command("SELECT image_id FROM embeddings WHERE model = $model");
        command.Parameters.AddWithValue("$model", model);
        var ids = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>A counter that every write or delete of <paramref name="model"/>'s embeddings increases (0 before any).</summary>
    public long EmbeddingGeneration(string model)
    {
        using var command = Command("SELECT generation FROM embedding_generations WHERE model = $model");
        command.Parameters.AddWithValue("$model", model);
        return command.ExecuteScalar() is long generation ? generation : 0;
    }

    /// <summary>Embeddings of <paramref name="model"/> written after <see cref="EmbeddingGeneration"/> was
    /// <paramref name="generation"/>, by image id (deleted ones are simply absent).</summary>
    public Dictionary<long, float[]> GetEmbeddingsWrittenAfter(string model, long generation)
    {
        using var command = Command("""
            SELECT e.image_id, e.vector FROM embedding_stamps s JOIN embeddings e ON e.image_id = s.image_id AND e.model = s.model
            WHERE s.model = $model AND s.generation > $generation
            """);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$generation", generation);
        var vectors = new Dictionary<long, float[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) vectors[reader.GetInt64(0)] = HalfVector.Decode((byte[])reader.GetValue(1));
        return vectors;
    }

    public void PutEmbedding(long imageId, string model, ReadOnlySpan<float> vector)
    {
        using var command = Command("INSERT OR REPLACE INTO embeddings (image_id, model, vector) VALUES ($id, $model, $vector)");
        command.Parameters.AddWithValue("$id", imageId);
        command.Parameters.AddWithValue("$model", model);
        command.Parameters.AddWithValue("$vector", HalfVector.Encode(vector));
        command.ExecuteNonQuery();
    }

    /// <summary>Files that failed before, with the stamp they had then and the reason.</summary>
    public Dictionary<string, (FileStamp Stamp, string Reason)> GetFailures()
    {
        using var command = Command("SELECT path, size, mtime_ticks, reason FROM failures");
        var failures = new Dictionary<string, (FileStamp, string)>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            failures[reader.GetString(0)] = (new FileStamp(reader.GetInt64(1), new DateTime(reader.GetInt64(2), DateTimeKind.Utc)), reader.GetString(3));
        return failures;
    }

    /// <summary>Adds or replaces the image at <paramref name="record"/>'s path with its hashes; returns its id.
    /// Embeddings of an earlier version of the file are dropped (they described other pixels).</summary>
    public long PutImage(ImageRecord record, ImageHashes hashes)
    {
        using var command = Command("""
            INSERT INTO images (path, size, mtime_ticks, content_hash, width, height, format, exif_date, camera, damaged)
            VALUES ($path, $size, $mtime, $hash, $w, $h, $format, $date, $camera, $damaged)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ticks = excluded.mtime_ticks,
                content_hash = excluded.content_hash, width = excluded.width, height = excluded.height,
                format = excluded.format, exif_date = excluded.exif_date, camera = excluded.camera, damaged = excluded.damaged
            RETURNING id
            """);
        command.Parameters.AddWithValue("$path", record.Path);
        command.Parameters.AddWithValue("$size", record.Size);
        command.Parameters.AddWithValue("$mtime", record.ModifiedUtc.Ticks);
        command.Parameters.AddWithValue("$hash", record.ContentHash);
        command.Parameters.AddWithValue("$w", record.Width);
        command.Parameters.AddWithValue("$h", record.Height);
        command.Parameters.AddWithValue("$format", record.Format);
        command.Parameters.AddWithValue("$date", (object?)record.ExifDate?.ToString("s", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$camera", (object?)record.Camera ?? DBNull.Value);
        command.Parameters.AddWithValue("$damaged", record.Damaged ? 1 : 0);
        var id = (long)command.ExecuteScalar()!;
        using (var stale = Command("DELETE FROM embeddings WHERE image_id = $id"))
        {
            stale.Parameters.AddWithValue("$id", id);
            stale.ExecuteNonQuery();
        }

        using var hashCommand = Command("""
            INSERT OR REPLACE INTO hashes (image_id, ahash, dhash, phash, whash, colorhash, phash_turned) VALUES ($id, $a, $d, $p, $w, $c, $t)
            """);
        hashCommand.Parameters.AddWithValue("$id", id);
        hashCommand.Parameters.AddWithValue("$a", (long)hashes.AHash);
        hashCommand.Parameters.AddWithValue("$d", (long)hashes.DHash);
        hashCommand.Parameters.AddWithValue("$p", (long)hashes.PHash);
        hashCommand.Parameters.AddWithValue("$w", (long)hashes.WHash);
        hashCommand.Parameters.AddWithValue("$c", (long)hashes.ColorHash);
        hashCommand.Parameters.AddWithValue("$t", hashes.TurnedPHash.ToBytes());
        hashCommand.ExecuteNonQuery();
        ClearFailure(record.Path);
        return id;
    }

    /// <summary>Points an existing image at a new path (a moved file); its fingerprints stay.</summary>
    public void MoveImage(long id, string newPath, FileStamp stamp)
    {
        using var command = Command("UPDATE images SET path = $path, size = $size, mtime_ticks = $mtime WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$path", newPath);
        command.Parameters.AddWithValue("$size", stamp.Size);
        command.Parameters.AddWithValue("$mtime", stamp.ModifiedUtc.Ticks);
        command.ExecuteNonQuery();
        ClearFailure(newPath);
    }

    public void RemoveImage(long id)
    {
        using var command = Command("DELETE FROM images WHERE id = $id");
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    public void RecordFailure(string path, FileStamp stamp, string reason)
    {
        using var command = Command("INSERT OR REPLACE INTO failures (path, size, mtime_ticks, reason) VALUES ($path, $size, $mtime, $reason)");
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$size", stamp.Size);
        command.Parameters.AddWithValue("$mtime", stamp.ModifiedUtc.Ticks);
        command.Parameters.AddWithValue("$reason", reason);
        command.ExecuteNonQuery();
    }

    public void ClearFailure(string path)
    {
        using var command = Command("DELETE FROM failures WHERE path = $path");
        command.Parameters.AddWithValue("$path", path);
        command.ExecuteNonQuery();
    }

    /// <summary>A random 256-bit value (hex) kept in the catalog under <paramref name="name"/>, made on first use: a key
    /// only this catalog knows, so files it signs elsewhere can be checked against it.</summary>
    public string Secret(string name)
    {
        using (var read = Command("SELECT value FROM meta WHERE key = $key"))
        {
            read.Parameters.AddWithValue("$key", name);
            if (read.ExecuteScalar() is string known) return known;
        }
        var made = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var write = Command("INSERT OR IGNORE INTO meta (key, value) VALUES ($key, $value)");
        write.Parameters.AddWithValue("$key", name);
        write.Parameters.AddWithValue("$value", made);
        write.ExecuteNonQuery();
        return Secret(name); // a concurrent writer may have won the insert
    }

    /// <summary>True when <paramref name="path"/> lies inside one of <paramref name="roots"/> (absolute paths).</summary>
    public static bool IsUnder(string path, IReadOnlyList<string> roots)
    {
        foreach (var root in roots)
        {
            var prefix = root.EndsWith('/') ? root : root + "/";
            if (path.StartsWith(prefix, StringComparison.Ordinal) || path == root) return true;
        }
        return false;
    }

    public void Dispose() => _connection.Dispose();

    private const string ImageColumns = "id, path, size, mtime_ticks, content_hash, width, height, format, exif_date, camera, damaged";

    private static ImageRecord ReadImage(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2),
        new DateTime(reader.GetInt64(3), DateTimeKind.Utc),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : DateTime.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.GetInt64(10) != 0);

    /// <summary>A command on the catalog's connection that joins the open transaction, for the catalog's other tables.</summary>
    internal SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (_transaction?.Connection != null) command.Transaction = _transaction; // still open
        return command;
    }

    private bool HasColumn(string table, string column)
    {
        using var command = Command($"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $column");
        command.Parameters.AddWithValue("$column", column);
        return command.ExecuteScalar() is not null;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>Brings an older catalog to <see cref="CatalogSchema.Version"/>; refuses a newer one.</summary>
    private void Upgrade()
    {
        using var read = Command("SELECT value FROM meta WHERE key = 'schema_version'");
        var stored = read.ExecuteScalar() is string text ? int.Parse(text, CultureInfo.InvariantCulture) : (int?)null;
        if (stored > CatalogSchema.Version)
            throw new CatalogException(
                $"{DatabasePath} was written by a newer Lookalike (schema {stored}, this one knows {CatalogSchema.Version}).");
        // A current catalog is only read here: a reader that took the write lock would wait for (and fail against)
        // an index run, which holds that lock almost all the time.
        if (stored == CatalogSchema.Version) return;
        using var transaction = BeginTransaction();
        for (var version = stored; version < CatalogSchema.Version; version++)
            if (CatalogSchema.Upgrades.TryGetValue(version.Value, out var sql)) Execute(sql);
        Execute($"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '{CatalogSchema.Version}')");
        transaction.Commit();
    }
}
