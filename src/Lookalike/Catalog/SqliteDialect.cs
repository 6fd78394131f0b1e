using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lookalike.Catalog;

/// <summary>The embedded catalog: one SQLite file (<see cref="ImageCatalog.FileName"/>), its state in the same folder.</summary>
internal sealed class SqliteDialect(string path) : CatalogDialect
{
    public override string StateFolder => Path.GetDirectoryName(path)!;

    public override bool IsServer => false;

    public override DbConnection Connect()
    {
        SystemSqlite.Use();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public override void Prepare(ImageCatalog catalog)
    {
        // WAL: readers never block the indexer, and a killed process leaves a consistent database.
        catalog.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        catalog.Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        Upgrade(catalog);
        catalog.Execute(CatalogSchema.Create);
        if (!HasColumn(catalog, "images", "damaged")) catalog.Execute(CatalogSchema.AddDamaged);
    }

    public override string InsertOrReplace(string table, string[] columns, string[] key) =>
        $"INSERT OR REPLACE INTO {table} ({string.Join(", ", columns)}) VALUES ({Values(columns)})";

    private static bool HasColumn(ImageCatalog catalog, string table, string column)
    {
        using var command = catalog.Command($"SELECT 1 FROM pragma_table_info('{table}') WHERE name = @column").Bind("@column", column);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Brings an older catalog to <see cref="CatalogSchema.Version"/>; refuses a newer one.</summary>
    private void Upgrade(ImageCatalog catalog)
    {
        var stored = catalog.StoredSchemaVersion();
        if (stored > CatalogSchema.Version)
            throw new CatalogException($"{path} was written by a newer Lookalike (schema {stored}, this one knows {CatalogSchema.Version}).");
        // A current catalog is only read here: a reader that took the write lock would wait for (and fail against)
        // an index run, which holds that lock almost all the time.
        if (stored == CatalogSchema.Version) return;
        using var transaction = catalog.BeginTransaction();
        for (var version = stored; version < CatalogSchema.Version; version++)
            if (CatalogSchema.Upgrades.TryGetValue(version.Value, out var sql)) catalog.Execute(sql);
        catalog.Execute($"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '{CatalogSchema.Version.ToString(CultureInfo.InvariantCulture)}')");
        transaction.Commit();
    }
}
