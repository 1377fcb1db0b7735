using System.Data.Common;

namespace Pricing.Storage;

/// <summary>
/// The connection of one write transaction, held with the process's write lock for its database (SQLite takes one
/// writer at a time). Disposing it releases the lock and, unless the connection is the database's long-lived writer,
/// closes the connection.
/// </summary>
public sealed class DatabaseWriter(DbConnection connection, IDisposable writeLock, bool closeConnection) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (closeConnection)
                await Connection.DisposeAsync();
        }
        finally
        {
            writeLock.Dispose();
        }
    }
}
