using System.Data.Common;

namespace Lookalike.Catalog;

/// <summary>
/// A catalog transaction that every catalog command joins while it is open (<see cref="ImageCatalog.BeginTransaction"/>).
/// It tells the catalog when it ends, because the providers disagree about what an ended transaction says about itself
/// (Microsoft.Data.Sqlite: no connection; Npgsql: throws once disposed).
/// </summary>
public sealed class CatalogTransaction : IDisposable
{
    private readonly DbTransaction _transaction;
    private readonly Action<CatalogTransaction> _ended;

    internal CatalogTransaction(DbTransaction transaction, Action<CatalogTransaction> ended)
    {
        _transaction = transaction;
        _ended = ended;
        Open = transaction;
    }

    /// <summary>The provider's transaction, null once committed, rolled back or disposed.</summary>
    internal DbTransaction? Open { get; private set; }

    public void Commit()
    {
        _transaction.Commit();
        End();
    }

    public void Rollback()
    {
        _transaction.Rollback();
        End();
    }

    public void Dispose()
    {
        _transaction.Dispose();
        End();
    }

    private void End()
    {
        Open = null;
        _ended(this);
    }
}
