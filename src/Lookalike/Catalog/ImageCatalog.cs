using System.Data.Common;
using System.Globalization;
using Lookalike.Files;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Catalog;

/// <summary>
/// The catalog that remembers every indexed image and its fingerprints: a SQLite file (the default), or a PostgreSQL
/// database named by a <c>postgres://</c> URL (<see cref="PostgresAddress"/>) that many processes and machines share.
/// Both run the same SQL except where <see cref="CatalogDialect"/> says otherwise. One connection, used from one thread
/// at a time; writes go through <see cref="BeginTransaction"/> so a crash loses at most the batch in flight.
/// </summary>
public sealed class ImageCatalog : IDisposable
{
    public const string FileName = "catalog.db";

    private readonly DbConnection _connection;
    private readonly CatalogDialect _dialect;
    private CatalogTransaction? _transaction;

    private ImageCatalog(DbConnection connection, CatalogDialect dialect, string address)
    {
        _connection = connection;
        _dialect = dialect;
        DatabasePath = address;
    }

    /// <summary>The catalog file (SQLite), or the URL it was opened with (PostgreSQL): what messages name, and what opens it again.</summary>
    public string DatabasePath { get; }

    /// <summary>The local folder for what lives beside the catalog: its trash, action manifests, saved vector indexes and
    /// thumbnails. The SQLite file's own folder; for PostgreSQL see <see cref="PostgresDialect"/>.</summary>
    public string StateFolder => _dialect.StateFolder;

    /// <summary>True for a PostgreSQL catalog, which other processes and machines may be writing at the same time.</summary>
    public bool IsShared => _dialect.IsServer;

    /// <summary>True when <paramref name="address"/> names a PostgreSQL catalog (a <c>postgres://</c> URL) rather than a SQLite file.</summary>
    public static bool IsServerAddress(string address) => PostgresAddress.Is(address);

    /// <summary>Opens (creating when missing) the catalog at <paramref name="address"/>: a SQLite file path or a
    /// <c>postgres://</c> URL; <see cref="CatalogLocation"/> decides which. <paramref name="stateFolder"/> overrides
    /// where a PostgreSQL catalog keeps its local state.</summary>
    /// <exception cref="CatalogException">The catalog cannot be created or opened, is not a catalog, or is from a newer Lookalike.</exception>
    public static ImageCatalog Open(string address, string? stateFolder = null)
    {
        CatalogDialect dialect;
        if (PostgresAddress.Is(address)) dialect = new PostgresDialect(PostgresAddress.Parse(address), stateFolder);
        else
        {
            address = Path.GetFullPath(address);
            dialect = new SqliteDialect(address);
        }
        DbConnection? connection = null;
        try
        {
            connection = dialect.Connect();
            var catalog = new ImageCatalog(connection, dialect, address);
            dialect.Prepare(catalog);
            return catalog;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or InvalidOperationException)
        {
            connection?.Dispose();
            throw new CatalogException($"cannot open the catalog {address}: {e.Message}", e);
        }
        catch (CatalogException)
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>The connection, for tests that inspect the database; stores go through <see cref="Command"/> so they join the open transaction.</summary>
    public DbConnection Connection => _connection;

    /// <summary>Starts a transaction that every catalog command joins until it is committed or disposed.</summary>
    public CatalogTransaction BeginTransaction() =>
        _transaction = new CatalogTransaction(_connection.BeginTransaction(), ended => { if (_transaction == ended) _transaction = null; });

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
        using var command = Command($"SELECT {ImageColumns} FROM images WHERE id = @id");
        command.Bind("@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadImage(reader) : null;
    }

    private List<ImageRecord> FindImages(string column, string value)
    {
        using var command = Command($"SELECT {ImageColumns} FROM images WHERE {column} = @value");
        command.Bind("@value", value);
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
        using var command = Command("SELECT image_id, vector FROM embeddings WHERE model = @model");
        command.Bind("@model", model);
        var vectors = new Dictionary<long, float[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) vectors[reader.GetInt64(0)] = HalfVector.Decode((byte[])reader.GetValue(1));
        return vectors;
    }

    public float[]? GetEmbedding(long imageId, string model)
    {
        using var command = Command("SELECT vector FROM embeddings WHERE image_id = @id AND model = @model");
        command.Bind("@id", imageId);
        command.Bind("@model", model);
        return command.ExecuteScalar() is byte[] bytes ? HalfVector.Decode(bytes) : null;
    }

    /// <summary>Ids of the images that have an embedding of <paramref name="model"/>.</summary>
    public HashSet<long> GetEmbeddedIds(string model)
    {
        using var command = Command("SELECT image_id FROM embeddings WHERE model = @model");
        command.Bind("@model", model);
        var ids = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>A counter that every write or delete of <paramref name="model"/>'s embeddings increases (0 before any).</summary>
    public long EmbeddingGeneration(string model)
    {
        using var command = Command("SELECT generation FROM embedding_generations WHERE model = @model");
        command.Bind("@model", model);
        return command.ExecuteScalar() is long generation ? generation : 0;
    }

    /// <summary>Embeddings of <paramref name="model"/> written after <see cref="EmbeddingGeneration"/> was
    /// <paramref name="generation"/>, by image id (deleted ones are simply absent).</summary>
    public Dictionary<long, float[]> GetEmbeddingsWrittenAfter(string model, long generation)
    {
        using var command = Command("""
            SELECT e.image_id, e.vector FROM embedding_stamps s JOIN embeddings e ON e.image_id = s.image_id AND e.model = s.model
            WHERE s.model = @model AND s.generation > @generation
            """);
        command.Bind("@model", model);
        command.Bind("@generation", generation);
        var vectors = new Dictionary<long, float[]>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) vectors[reader.GetInt64(0)] = HalfVector.Decode((byte[])reader.GetValue(1));
        return vectors;
    }

    public void PutEmbedding(long imageId, string model, ReadOnlySpan<float> vector)
    {
        using var command = Command(_dialect.InsertOrReplace("embeddings", ["image_id", "model", "vector"], ["image_id", "model"]));
        command.Bind("@image_id", imageId);
        command.Bind("@model", model);
        command.Bind("@vector", HalfVector.Encode(vector));
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
            VALUES (@path, @size, @mtime, @hash, @w, @h, @format, @date, @camera, @damaged)
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ticks = excluded.mtime_ticks,
                content_hash = excluded.content_hash, width = excluded.width, height = excluded.height,
                format = excluded.format, exif_date = excluded.exif_date, camera = excluded.camera, damaged = excluded.damaged
            RETURNING id
            """);
        command.Bind("@path", record.Path);
        command.Bind("@size", record.Size);
        command.Bind("@mtime", record.ModifiedUtc.Ticks);
        command.Bind("@hash", record.ContentHash);
        command.Bind("@w", record.Width);
        command.Bind("@h", record.Height);
        command.Bind("@format", record.Format);
        command.Bind("@date", (object?)record.ExifDate?.ToString("s", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Bind("@camera", (object?)record.Camera ?? DBNull.Value);
        command.Bind("@damaged", record.Damaged ? 1 : 0);
        var id = (long)command.ExecuteScalar()!;
        using (var stale = Command("DELETE FROM embeddings WHERE image_id = @id"))
        {
            stale.Bind("@id", id);
            stale.ExecuteNonQuery();
        }

        using var hashCommand = Command(_dialect.InsertOrReplace("hashes", ["image_id", "ahash", "dhash", "phash", "whash", "colorhash", "phash_turned"], ["image_id"]));
        hashCommand.Bind("@image_id", id);
        hashCommand.Bind("@ahash", (long)hashes.AHash);
        hashCommand.Bind("@dhash", (long)hashes.DHash);
        hashCommand.Bind("@phash", (long)hashes.PHash);
        hashCommand.Bind("@whash", (long)hashes.WHash);
        hashCommand.Bind("@colorhash", (long)hashes.ColorHash);
        hashCommand.Bind("@phash_turned", hashes.TurnedPHash.ToBytes());
        hashCommand.ExecuteNonQuery();
        ClearFailure(record.Path);
        return id;
    }

    /// <summary>Points an existing image at a new path (a moved file); its fingerprints stay.</summary>
    public void MoveImage(long id, string newPath, FileStamp stamp)
    {
        using var command = Command("UPDATE images SET path = @path, size = @size, mtime_ticks = @mtime WHERE id = @id");
        command.Bind("@id", id);
        command.Bind("@path", newPath);
        command.Bind("@size", stamp.Size);
        command.Bind("@mtime", stamp.ModifiedUtc.Ticks);
        command.ExecuteNonQuery();
        ClearFailure(newPath);
    }

    public void RemoveImage(long id)
    {
        using var command = Command("DELETE FROM images WHERE id = @id");
        command.Bind("@id", id);
        command.ExecuteNonQuery();
    }

    public void RecordFailure(string path, FileStamp stamp, string reason)
    {
        using var command = Command(_dialect.InsertOrReplace("failures", ["path", "size", "mtime_ticks", "reason"], ["path"]));
        command.Bind("@path", path);
        command.Bind("@size", stamp.Size);
        command.Bind("@mtime_ticks", stamp.ModifiedUtc.Ticks);
        command.Bind("@reason", reason);
        command.ExecuteNonQuery();
    }

    public void ClearFailure(string path)
    {
        using var command = Command("DELETE FROM failures WHERE path = @path");
        command.Bind("@path", path);
        command.ExecuteNonQuery();
    }

    /// <summary>For a PostgreSQL catalog: takes the server's session lock that one index run at a time holds, or returns
    /// null when another session holds it. Disposing releases it; so does the end of the connection, however it ends.</summary>
    internal IDisposable? TryLockForIndexing()
    {
        const string key = "hashtext('lookalike index')";
        using var take = Command($"SELECT pg_try_advisory_lock({key})");
        return take.ExecuteScalar() is true ? new Release(() => Execute($"SELECT pg_advisory_unlock({key})")) : null;
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    /// <summary>A random 256-bit value (hex) kept in the catalog under <paramref name="name"/>, made on first use: a key
    /// only this catalog knows, so files it signs elsewhere can be checked against it.</summary>
    public string Secret(string name)
    {
        using (var read = Command("SELECT value FROM meta WHERE key = @key"))
        {
            read.Bind("@key", name);
            if (read.ExecuteScalar() is string known) return known;
        }
        var made = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var write = Command("INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING");
        write.Bind("@key", name);
        write.Bind("@value", made);
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

    private static ImageRecord ReadImage(DbDataReader reader) => new(
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
    internal DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction?.Open;
        return command;
    }

    internal void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>The schema version the catalog's meta table records, or null in a new catalog.</summary>
    internal int? StoredSchemaVersion()
    {
        using var read = Command("SELECT value FROM meta WHERE key = 'schema_version'");
        return read.ExecuteScalar() is string text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
    }
}
