using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pricing.Storage;

/// <summary>The embedded default: one SQLite file per database under <c>data/</c>, WAL mode.</summary>
public sealed class SqliteDatabase : SqlDatabase
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    public SqliteDatabase(string connectionString, string configKey) : base(Normalise(connectionString), configKey)
    {
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        FilePath = file is "" or ":memory:" ? null : Path.GetFullPath(file);
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? FilePath { get; }

    // one per database file in this process: every SqliteDatabase for the same file shares it
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteLocks = new();

    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    public override async Task<IDisposable> WriteLockAsync(CancellationToken ct = default)
    {
        var gate = WriteLocks.GetOrAdd(FilePath ?? ConnectionString, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    public override string LastInsertIdSql => "SELECT last_insert_rowid()";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (FilePath is not null)
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        // WAL lets the gateway read while a pipeline run writes; NORMAL sync is durable enough with WAL. A night on the
        // 365-day catalog writes about 92,000 pages (a row lands in a different leaf of the features key for every
        // series): with SQLite's checkpoint every 1,000 pages that was some 90 checkpoints and 120 fsyncs a night, and
        // every 20,000 pages (80 MB of WAL) it is a handful (nights 4.4-6.2 s against 6.2-7.5 s, batches of 250 SKUs).
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=20000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    protected override string OnConflictUpdateSql(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {string.Join(", ", updateColumns.Select(c => $"{c} = excluded.{c}"))}";

    public override object Timestamp(DateTime value) => value.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public override object Price(double value) => value;

    public override async Task<long> BulkInsertAsync<T>(string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, OnDuplicate onDuplicate, CancellationToken ct = default)
    {
        using var writing = await WriteLockAsync(ct);
        await using var connection = await OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            // Secondary indexes (changed_at) take rows in random order: with the default 2 MB page cache every
            // insert misses and reads pages back from the OS. A large cache keeps them in memory.
            pragma.CommandText = "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var verb = onDuplicate == OnDuplicate.Replace ? "INSERT OR REPLACE" : "INSERT";
        command.CommandText = $"{verb} INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = columns.Select((_, i) => command.Bind("@p" + i, null).Parameters[i]).ToArray();
        command.Prepare();
        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = ToSqlite(columns[i].Value(row));
            // Synchronous on purpose: Microsoft.Data.Sqlite has no real async I/O, and the async wrapper costs per row.
            command.ExecuteNonQuery();
            count++;
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    public override Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken ct) =>
        // SQLite DDL is transactional: each migration runs in a BEGIN IMMEDIATE transaction, which is the lock.
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime timestamp => Timestamp(timestamp),
        _ => value,
    };

    private static string Normalise(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < 60)
            builder.DefaultTimeout = 60;
        return builder.ToString();
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
