using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Pricing.Storage;

/// <summary>
/// Copies one SQLite file's write-ahead log into the database once writing has paused. SQLite's own checkpoint runs
/// inside the commit that crosses <c>wal_autocheckpoint</c>, while that writer holds the one write lock, and it syncs
/// the log and the database (0.3 s a checkpoint here): a night on the 365-day catalog crossed 20,000 pages four or
/// five times. Writers now checkpoint only past <see cref="BackstopPages"/>, which a night of 10,000 SKUs does not
/// reach, and this loop checkpoints after the writes stop, on its own connection. PASSIVE takes no lock a writer or
/// reader waits for, so a write that starts meanwhile goes ahead.
/// </summary>
internal sealed class SqliteCheckpointer
{
    /// <summary>The writers' <c>wal_autocheckpoint</c>: the log a long run (FULL) may grow to between checkpoints, 400 MB.</summary>
    public const int BackstopPages = 100_000;

    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly ILogger? _logger;
    // holds at most one signal: writes while one is pending are covered by the checkpoint it starts
    private readonly Channel<bool> _written = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _lastWrite;
    private volatile bool _uncopied;

    public SqliteCheckpointer(string connectionString, ILogger? logger)
    {
        // ReadWrite, not ReadWriteCreate: a checkpoint must never bring back a database file someone deleted
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        _logger = logger;
        _ = Task.Run(RunAsync);
        // a command-line process (seed, migrate) exits right after its last write: copy it before going
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (_uncopied)
                CheckpointAsync().GetAwaiter().GetResult();
        };
    }

    /// <summary>A write transaction committed: checkpoint once no other follows within a second.</summary>
    public void Written()
    {
        Volatile.Write(ref _lastWrite, Environment.TickCount64);
        _uncopied = true;
        _written.Writer.TryWrite(true);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            await _written.Reader.ReadAsync();
            long wait;
            while ((wait = Volatile.Read(ref _lastWrite) + (long)Quiet.TotalMilliseconds - Environment.TickCount64) > 0)
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            _uncopied = false;
            // a reader still on an older snapshot keeps the frames it may read: try again after the next quiet second
            if (await CheckpointAsync() == CheckpointResult.Partial)
                Written();
        }
    }

    internal async Task<CheckpointResult> CheckpointAsync()
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            // columns: busy, frames in the log, frames copied into the database (-1 and -1 when not in WAL mode)
            return reader.GetInt64(1) == reader.GetInt64(2) ? CheckpointResult.Complete : CheckpointResult.Partial;
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            // harmless: the log stays readable, and the writers' backstop or the next quiet second checkpoints it
            _logger?.LogWarning(e, "checkpoint of {Database} failed", new SqliteConnectionStringBuilder(_connectionString).DataSource);
            return CheckpointResult.Failed;
        }
    }

    internal enum CheckpointResult { Complete, Partial, Failed }
}
