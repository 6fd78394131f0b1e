using Lookalike.Testing.Postgres;

namespace Lookalike.Tests.Catalog;

/// <summary>The shared catalog suite against a real PostgreSQL server (<see cref="PostgresServer"/>): a new database per catalog.</summary>
public sealed class PostgresCatalogTests : CatalogContract
{
    protected override string NewCatalog()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        return PostgresServer.Shared.CreateDatabase("catalog");
    }
}
