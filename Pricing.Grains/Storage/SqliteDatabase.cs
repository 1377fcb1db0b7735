using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Pricing.Storage;

/// <summary>The embedded default: one SQLite file per database under <c>data/</c>, WAL mode.</summary>
public sealed class SqliteDatabase : SqlDatabase
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    public SqliteDatabase(string connectionString, string configKey, ILogger? logger = null) : base(Normalise(connectionString), configKey)
    {
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        FilePath = file is "" or ":memory:" ? null : Path.GetFullPath(file);
        _file = FilePath is null ? null : Files.GetOrAdd(FilePath, _ => new SqliteFile(ConnectionString, logger));
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? FilePath { get; }

    // one per database file in this process: every SqliteDatabase for the same file shares it
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqliteFile> Files = new();
    private readonly SqliteFile? _file;

    private sealed class SqliteFile(string connectionString, ILogger? logger)
    {
        public SemaphoreSlim WriteLock { get; } = new(1, 1);
        public SqliteCheckpointer Checkpointer { get; } = new(connectionString, logger);
        /// <summary>Opened by the first write and kept; used only while <see cref="WriteLock"/> is held.</summary>
        public SqliteConnection? Writer { get; set; }
    }

    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    /// <summary>
    /// Every write of this process to the file goes through one connection that stays open, so its page cache holds
    /// the pages the next write needs: no other connection writes, so SQLite keeps the cache from one transaction to
    /// the next, where a pooled connection starts empty after another one wrote (the silo's page reads from the OS in
    /// a 60-day night: 160,000-190,000 before, 74,000 now). Being the process's own memory, it also survives the
    /// operating system dropping its file cache, which this VM does every two minutes or so.
    /// </summary>
    public override async Task<DatabaseWriter> OpenWriterAsync(CancellationToken ct = default)
    {
        if (_file is null)
            return await base.OpenWriterAsync(ct); // in memory: every connection is a database of its own
        await _file.WriteLock.WaitAsync(ct);
        var release = new Release(_file);
        try
        {
            if (_file.Writer is not { State: System.Data.ConnectionState.Open })
            {
                _file.Writer?.Dispose();
                var writer = (SqliteConnection)await OpenAsync(ct);
                await using var pragma = writer.CreateCommand();
                // 1 GB at most, taken as pages are read: a night of 10,000 SKUs x 365 days writes 92,000 pages (368 MB),
                // and FeatureTailWarmer then reads another 55,000 for the next night, which a 512 MB cache did not keep.
                // The log is cut back to nothing when the first commit after a full checkpoint starts it over: its frames
                // (4,120 bytes) straddle the OS's pages, so writing over an old log makes the OS read back each page it
                // does not hold, which after the file cache was dropped was 250-270 MB of reads in a 60-day night.
                pragma.CommandText = "PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=0;";
                await pragma.ExecuteNonQueryAsync(ct);
                _file.Writer = writer;
            }
            return new DatabaseWriter(_file.Writer, release, closeConnection: false);
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    private sealed class Release(SqliteFile file) : IDisposable
    {
        public void Dispose()
        {
            file.WriteLock.Release();
            file.Checkpointer.Written();
        }
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
        // series): with SQLite's checkpoint every 1,000 pages that was some 90 checkpoints and 120 fsyncs a night,
        // inside the writers' commits. The checkpointer copies the log once writing pauses instead.
        pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint={SqliteCheckpointer.BackstopPages};";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    protected override string OnConflictUpdateSql(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {string.Join(", ", updateColumns.Select(c => $"{c} = excluded.{c}"))}";

    public override object Timestamp(DateTime value) => value.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public override object Price(double value) => value;

    public override async Task<long> BulkInsertAsync<T>(string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, OnDuplicate onDuplicate, CancellationToken ct = default)
    {
        await using var writer = await OpenWriterAsync(ct);
        var connection = writer.Connection;
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

    public override string DropIndexSql(string table, string index) => $"DROP INDEX IF EXISTS {index}";

    public override async Task<bool> TableExistsAsync(string table, CancellationToken ct = default) =>
        await ScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @t", c => c.Bind("@t", table), ct) > 0;

    public override Task<List<string>> IndexColumnsAsync(string table, string index, CancellationToken ct = default) =>
        ListAsync("SELECT name FROM pragma_index_info(@i) ORDER BY seqno", c => c.Bind("@i", index), r => r.GetString(0), ct);

    public override async Task<string> IndexHintWhenSelectiveAsync(string table, string index, string where, Action<DbCommand> bind, long limit, CancellationToken ct)
    {
        var hint = $"INDEXED BY {index}";
        var matching = await ScalarAsync<long>($"SELECT COUNT(*) FROM (SELECT 1 FROM {table} {hint} WHERE {where} LIMIT @limit)",
            c => { bind(c); c.Bind("@limit", limit); }, ct);
        return matching < limit ? hint : "";
    }

    public override bool HasWriterCache => true;

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
