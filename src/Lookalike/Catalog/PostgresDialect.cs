using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Lookalike.Catalog;

/// <summary>
/// The catalog in a PostgreSQL database (<see cref="PostgresAddress"/>), written by many processes and machines at once.
/// Its local state (trash, action manifests, saved vector indexes) cannot live beside a server: it goes to
/// <c>LOOKALIKE_STATE</c>, else <c>$XDG_STATE_HOME/lookalike/HOST-PORT-DATABASE</c> (default <c>~/.local/state</c>).
/// </summary>
internal sealed class PostgresDialect(PostgresAddress address, string? stateFolder) : CatalogDialect
{
    /// <summary>The variable that names the local state folder of a PostgreSQL catalog.</summary>
    public const string StateVariable = "LOOKALIKE_STATE";

    /// <summary>Any fixed number: the advisory lock that lets one process at a time create or migrate the schema.</summary>
    private const long SchemaLock = 0x4c6f6f6b616c6b; // "Lookalk"

    public override string StateFolder { get; } = stateFolder
        ?? (Environment.GetEnvironmentVariable(StateVariable) is { Length: > 0 } chosen ? Path.GetFullPath(chosen) : null)
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"), "lookalike", address.Key);

    public override bool IsServer => true;

    public override DbConnection Connect()
    {
        var connection = new NpgsqlConnection(address.Settings.ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Prepare(ImageCatalog catalog)
    {
        // Workers start together: one at a time creates or migrates, the others then find it current.
        using var transaction = catalog.BeginTransaction();
        catalog.Execute($"SELECT pg_advisory_xact_lock({SchemaLock.ToString(CultureInfo.InvariantCulture)})");
        catalog.Execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        var stored = catalog.StoredSchemaVersion();
        if (stored > PostgresSchema.Version)
            throw new CatalogException($"{address.Url} was written by a newer Lookalike (schema {stored}, this one knows {PostgresSchema.Version}).");
        if (stored != PostgresSchema.Version)
        {
            for (var version = stored; version < PostgresSchema.Version; version++)
                if (PostgresSchema.Upgrades.TryGetValue(version.Value, out var sql)) catalog.Execute(sql);
            catalog.Execute(PostgresSchema.Create);
            catalog.Execute($"""
                INSERT INTO meta (key, value) VALUES ('schema_version', '{PostgresSchema.Version.ToString(CultureInfo.InvariantCulture)}')
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """);
        }
        transaction.Commit();
    }

    public override string InsertOrReplace(string table, string[] columns, string[] key)
    {
        var updates = columns.Except(key).Select(c => $"{c} = excluded.{c}").ToList();
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({Values(columns)}) ON CONFLICT ({string.Join(", ", key)}) " +
               (updates.Count == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", updates));
    }
}
