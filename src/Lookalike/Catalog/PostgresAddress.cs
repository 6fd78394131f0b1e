using Npgsql;

namespace Lookalike.Catalog;

/// <summary>
/// A PostgreSQL catalog named by URL, <c>postgres://[user[:password]@]host[:port]/database[?option=value...]</c>
/// (libpq's form; options are Npgsql connection-string keywords such as <c>sslmode=require</c>). Npgsql reads only
/// keyword strings, so the URL is turned into one here. A missing password is left to Npgsql, which reads
/// <c>PGPASSWORD</c> and <c>~/.pgpass</c>, so it need not appear in a command line.
/// </summary>
internal sealed class PostgresAddress
{
    private PostgresAddress(Uri url, NpgsqlConnectionStringBuilder settings)
    {
        Url = url;
        Settings = settings;
    }

    public Uri Url { get; }

    public NpgsqlConnectionStringBuilder Settings { get; }

    /// <summary>True when <paramref name="address"/> names a PostgreSQL catalog rather than a SQLite file or folder.</summary>
    public static bool Is(string address) =>
        address.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="CatalogException">The URL is malformed or names no database.</exception>
    public static PostgresAddress Parse(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || url.Host.Length == 0)
            throw new CatalogException($"'{address}' is not a PostgreSQL URL (postgres://user@host:port/database)");
        var database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'));
        if (database.Length == 0) throw new CatalogException($"'{address}' names no database (postgres://host/DATABASE)");
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port,
            Database = database,
        };
        if (url.UserInfo.Length > 0)
        {
            var parts = url.UserInfo.Split(':', 2);
            settings.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) settings.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=') is var at and >= 0 ? (pair[..at], pair[(at + 1)..]) : (pair, "");
            try
            {
                settings[Uri.UnescapeDataString(key)] = Uri.UnescapeDataString(value);
            }
            catch (ArgumentException e)
            {
                throw new CatalogException($"'{address}': {e.Message}", e);
            }
        }
        return new PostgresAddress(url, settings);
    }

    /// <summary>A folder name that tells this database from others on the same machine (host, port, database).</summary>
    public string Key => string.Join('-', new[] { Settings.Host!, Settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Settings.Database! }
        .Select(part => string.Concat(part.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '_'))));
}
