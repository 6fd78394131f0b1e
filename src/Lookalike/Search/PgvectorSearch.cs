using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lookalike.Catalog;
using Lookalike.Vectors;

namespace Lookalike.Search;

/// <summary>
/// Nearest neighbours answered by a PostgreSQL catalog itself, where the server has the pgvector extension: one table per
/// model of <c>halfvec(D)</c> embeddings with an HNSW index (cosine), and the pHashes as <c>bit(64)</c> through an HNSW
/// expression index (Hamming). Filters (folders, tags) go into the same query, so only matching images come back.
/// The catalog's own <c>embeddings</c> (bytea) stay the truth: <see cref="Refresh"/> copies what was written after the
/// generation it last copied (the catalog's embedding generations), so it is incremental. Without pgvector, callers
/// load the vectors into the in-process index instead (<see cref="CatalogVectorIndex"/>).
/// Vectors travel as pgvector's text form, so the catalog's connection needs no type plugin (and the Pgvector package's
/// mapping would need a data source built for it); a 512-d query is ~4 KB of text, small beside the search.
/// </summary>
public sealed class PgvectorSearch
{
    private readonly ImageCatalog _catalog;

    private PgvectorSearch(ImageCatalog catalog) => _catalog = catalog;

    /// <summary>The search, or null when the catalog is SQLite or its server has no pgvector.</summary>
    public static PgvectorSearch? For(ImageCatalog catalog)
    {
        if (!catalog.IsShared) return null;
        using var command = catalog.Command("SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'");
        return command.ExecuteScalar() is long and > 0 ? new PgvectorSearch(catalog) : null;
    }

    /// <summary>Brings <paramref name="model"/>'s vector table (and the hash index) up to the catalog; returns how many vectors it wrote.</summary>
    public int Refresh(string model)
    {
        var generation = _catalog.EmbeddingGeneration(model);
        var key = $"pgvector_generation:{model}";
        var table = TableOf(model);
        using var transaction = _catalog.BeginTransaction();
        _catalog.Execute($"SELECT pg_advisory_xact_lock(hashtext('{table}'))");
        _catalog.Execute("CREATE EXTENSION IF NOT EXISTS vector");
        _catalog.Execute("CREATE INDEX IF NOT EXISTS hashes_phash_hamming ON hashes USING hnsw ((phash::bit(64)) bit_hamming_ops)");
        long synced;
        using (var read = _catalog.Command("SELECT value FROM meta WHERE key = @key").Bind("@key", key))
            synced = read.ExecuteScalar() is string text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        if (synced == generation && Exists(table))
        {
            transaction.Commit();
            return 0;
        }
        var changed = _catalog.GetEmbeddingsWrittenAfter(model, Exists(table) ? synced : 0);
        if (!Exists(table))
        {
            var dimension = changed.Values.FirstOrDefault()?.Length
                ?? throw new InvalidOperationException($"The catalog {_catalog.DatabasePath} has no embeddings of {model}.");
            _catalog.Execute($"""
                CREATE TABLE {table} (image_id BIGINT PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE, embedding halfvec({dimension}) NOT NULL);
                CREATE INDEX {table}_hnsw ON {table} USING hnsw (embedding halfvec_cosine_ops);
                """);
        }
        foreach (var (id, vector) in changed)
        {
            using var upsert = _catalog.Command($"""
                INSERT INTO {table} (image_id, embedding) VALUES (@id, @vector::halfvec)
                ON CONFLICT (image_id) DO UPDATE SET embedding = excluded.embedding
                """).Bind("@id", id).Bind("@vector", Text(vector));
            upsert.ExecuteNonQuery();
        }
        // Embeddings deleted since (a file changed, a model's vectors dropped); removed images cascade.
        using (var stale = _catalog.Command($"DELETE FROM {table} v WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.image_id = v.image_id AND e.model = @model)")
                   .Bind("@model", model))
            stale.ExecuteNonQuery();
        using (var write = _catalog.Command("INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                   .Bind("@key", key).Bind("@value", generation.ToString(CultureInfo.InvariantCulture)))
            write.ExecuteNonQuery();
        transaction.Commit();
        return changed.Count;
    }

    /// <summary>The <paramref name="k"/> images whose <paramref name="model"/> embeddings are nearest <paramref name="query"/> (score: cosine),
    /// among those below <paramref name="roots"/> and with every one of <paramref name="tags"/> (when given). <paramref name="efSearch"/>:
    /// HNSW's candidate list, at least <paramref name="k"/>; larger finds more of the true neighbours, slower.</summary>
    public SearchHit[] Nearest(string model, ReadOnlySpan<float> query, int k, IReadOnlyList<string>? roots = null, IReadOnlyList<string>? tags = null,
        int efSearch = 100)
    {
        var table = TableOf(model);
        using var transaction = _catalog.BeginTransaction();
        _catalog.Execute($"SET LOCAL hnsw.ef_search = {Math.Max(efSearch, k).ToString(CultureInfo.InvariantCulture)}");
        var sql = new StringBuilder($"SELECT v.image_id, 1 - (v.embedding <=> @q::halfvec) FROM {table} v");
        var conditions = Conditions("v.image_id", roots, tags);
        if (conditions.Count > 0)
        {
            // Filtered: let the index go on scanning past neighbours the filter drops (pgvector 0.8's iterative scan).
            _catalog.Execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }
        sql.Append(" ORDER BY v.embedding <=> @q::halfvec LIMIT @k");
        using var command = _catalog.Command(sql.ToString()).Bind("@q", Text(query)).Bind("@k", k);
        Bind(command, roots, tags);
        var hits = new List<SearchHit>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) hits.Add(new SearchHit(reader.GetInt64(0), (float)reader.GetDouble(1)));
        transaction.Commit();
        // relaxed_order may return a few hits slightly out of order: put them in order.
        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id)];
    }

    /// <summary>The <paramref name="k"/> images whose pHash is nearest <paramref name="phash"/> in Hamming distance, with that distance.</summary>
    public List<(long Id, int Distance)> NearestByPHash(ulong phash, int k, IReadOnlyList<string>? roots = null, IReadOnlyList<string>? tags = null)
    {
        using var transaction = _catalog.BeginTransaction();
        _catalog.Execute($"SET LOCAL hnsw.ef_search = {Math.Max(100, k).ToString(CultureInfo.InvariantCulture)}");
        var sql = new StringBuilder("SELECT h.image_id, (h.phash::bit(64) <~> @h::bigint::bit(64))::int FROM hashes h");
        var conditions = Conditions("h.image_id", roots, tags);
        if (conditions.Count > 0) sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        sql.Append(" ORDER BY h.phash::bit(64) <~> @h::bigint::bit(64) LIMIT @k");
        using var command = _catalog.Command(sql.ToString()).Bind("@h", (long)phash).Bind("@k", k);
        Bind(command, roots, tags);
        var hits = new List<(long, int)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) hits.Add((reader.GetInt64(0), reader.GetInt32(1)));
        transaction.Commit();
        return [.. hits.OrderBy(h => h.Item2).ThenBy(h => h.Item1)];
    }

    private static List<string> Conditions(string id, IReadOnlyList<string>? roots, IReadOnlyList<string>? tags)
    {
        var conditions = new List<string>();
        if (roots is { Count: > 0 })
            conditions.Add($"EXISTS (SELECT 1 FROM images i, unnest(@roots) r WHERE i.id = {id} AND (i.path = r OR starts_with(i.path, rtrim(r, '/') || '/')))");
        if (tags is { Count: > 0 })
            conditions.Add($"(SELECT count(DISTINCT t.tag) FROM tags t WHERE t.image_id = {id} AND t.tag = ANY(@tags)) = @tagCount");
        return conditions;
    }

    private static void Bind(System.Data.Common.DbCommand command, IReadOnlyList<string>? roots, IReadOnlyList<string>? tags)
    {
        if (roots is { Count: > 0 }) command.Bind("@roots", roots.Select(Path.GetFullPath).ToArray());
        if (tags is { Count: > 0 }) command.Bind("@tags", tags.Select(ImageTags.Clean).Distinct().ToArray()).Bind("@tagCount", (long)tags.Select(ImageTags.Clean).Distinct().Count());
    }

    private bool Exists(string table)
    {
        using var command = _catalog.Command("SELECT to_regclass(@table) IS NOT NULL").Bind("@table", table);
        return command.ExecuteScalar() is true;
    }

    /// <summary>A table name per model: models are named freely ("name@version"), table names are not.</summary>
    private static string TableOf(string model) => "vectors_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model)))[..16];

    private static string Text(ReadOnlySpan<float> vector)
    {
        var text = new StringBuilder(vector.Length * 10).Append('[');
        for (var i = 0; i < vector.Length; i++) text.Append(i == 0 ? "" : ",").Append(vector[i].ToString("R", CultureInfo.InvariantCulture));
        return text.Append(']').ToString();
    }
}
