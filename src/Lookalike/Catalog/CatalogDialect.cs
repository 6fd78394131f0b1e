using System.Data.Common;

namespace Lookalike.Catalog;

/// <summary>
/// What differs between the catalog's two backends (SQLite file, PostgreSQL server): how a connection is made, the
/// schema and its migrations, and the few statements their SQL does not share. Everything else in
/// <see cref="ImageCatalog"/>, <see cref="ImageTags"/> and the decision store is one SQL text for both: <c>@name</c>
/// parameters, <c>INSERT ... ON CONFLICT</c> and <c>RETURNING</c> read the same on SQLite 3.35+ and PostgreSQL.
/// </summary>
internal abstract class CatalogDialect
{
    /// <summary>Opens the connection to the catalog at the dialect's address.</summary>
    public abstract DbConnection Connect();

    /// <summary>Makes the schema current (creating it in an empty database); refuses a newer one.</summary>
    /// <exception cref="CatalogException">The catalog was written by a newer Lookalike.</exception>
    public abstract void Prepare(ImageCatalog catalog);

    /// <summary>Writes a row, replacing the one with the same key: SQLite's <c>INSERT OR REPLACE</c> (whose delete-then-insert
    /// the embedding triggers rely on), PostgreSQL's upsert.</summary>
    public abstract string InsertOrReplace(string table, string[] columns, string[] key);

    /// <summary>The local folder for what lives beside the catalog (trash, action manifests, saved vector indexes, thumbnails).</summary>
    public abstract string StateFolder { get; }

    /// <summary>True for the PostgreSQL server, where several processes and machines write at once.</summary>
    public abstract bool IsServer { get; }

    protected static string Values(string[] columns) => string.Join(", ", columns.Select(c => "@" + c));
}
