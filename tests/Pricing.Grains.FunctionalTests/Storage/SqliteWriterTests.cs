using Microsoft.Data.Sqlite;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

/// <summary>SQLite's long-lived writer connection and the background checkpointer that copies its log into the file.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private string DatabaseFile => ((SqliteDatabase)_db.Database).FilePath!;

    private static readonly BulkColumn<int>[] Columns = [new("id", i => i), new("payload", i => new string('x', 200) + i)];

    private async Task<SqlDatabase> CreateAsync()
    {
        await _db.Database.ExecuteAsync("CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        return _db.Database;
    }

    [Fact]
    public async Task Written_rows_reach_the_database_file_without_a_checkpoint_in_the_commit()
    {
        var database = await CreateAsync();
        var before = new FileInfo(DatabaseFile).Length;

        // about 1,100 pages (4.3 MB) of log: far below the writers' own checkpoint, so only the checkpointer can copy them
        await database.BulkInsertAsync("rows", Columns, Enumerable.Range(0, 20_000), OnDuplicate.Fail);
        Assert.True(SqliteCheckpointer.BackstopPages > 10 * 2_000);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (new FileInfo(DatabaseFile).Length < before + 4_000_000 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(new FileInfo(DatabaseFile).Length >= before + 4_000_000,
            $"the database file is {new FileInfo(DatabaseFile).Length} bytes a minute after the write; the checkpointer did not copy the log");
        Assert.Equal(20_000, await database.ScalarAsync<long>("SELECT COUNT(*) FROM rows"));
    }

    [Fact]
    public async Task The_log_starts_over_empty_after_a_checkpoint_rather_than_written_over()
    {
        var database = await CreateAsync();
        await database.BulkInsertAsync("rows", Columns, Enumerable.Range(0, 20_000), OnDuplicate.Fail);
        var log = new FileInfo(DatabaseFile + "-wal");
        Assert.True(log.Length > 4_000_000, $"the log holds {log.Length} bytes after the write");

        Assert.Equal(SqliteCheckpointer.CheckpointResult.Complete, await new SqliteCheckpointer($"Data Source={DatabaseFile}", logger: null).CheckpointAsync());
        await database.ExecuteAsync("DELETE FROM rows WHERE id = 0");

        log.Refresh();
        Assert.InRange(log.Length, 1, 100_000); // the header and the delete's few frames, not the old log's 4 MB
        Assert.Equal(19_999, await database.ScalarAsync<long>("SELECT COUNT(*) FROM rows"));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_writer_usable_and_loses_nothing_written_before()
    {
        var database = await CreateAsync();
        await database.BulkInsertAsync("rows", Columns, Enumerable.Range(0, 10), OnDuplicate.Fail);

        // a duplicate key half way through one bulk write: the whole transaction rolls back
        await Assert.ThrowsAsync<SqliteException>(() => database.BulkInsertAsync("rows", Columns, Enumerable.Range(5, 10), OnDuplicate.Fail));
        await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteAsync("UPDATE no_such_table SET id = 1"));

        await database.BulkInsertAsync("rows", Columns, Enumerable.Range(10, 10), OnDuplicate.Fail);
        Assert.Equal(20, await database.ScalarAsync<long>("SELECT COUNT(*) FROM rows"));
        // a second SqliteDatabase for the same file queues behind the same writer and sees the same rows
        Assert.Equal(1, await new SqliteDatabase($"Data Source={DatabaseFile}", "test").ExecuteAsync("DELETE FROM rows WHERE id = 0"));
        Assert.Equal(19, await database.ScalarAsync<long>("SELECT COUNT(*) FROM rows"));
    }

    [Fact]
    public async Task A_checkpoint_never_brings_back_a_deleted_database()
    {
        var database = await CreateAsync();
        await database.BulkInsertAsync("rows", Columns, Enumerable.Range(0, 10), OnDuplicate.Fail);
        var gone = Path.Combine(Path.GetDirectoryName(DatabaseFile)!, "gone.db");
        var checkpointer = new SqliteCheckpointer($"Data Source={gone}", logger: null);

        Assert.Equal(SqliteCheckpointer.CheckpointResult.Failed, await checkpointer.CheckpointAsync());
        Assert.False(File.Exists(gone));
        Assert.Equal(SqliteCheckpointer.CheckpointResult.Complete,
            await new SqliteCheckpointer($"Data Source={DatabaseFile}", logger: null).CheckpointAsync());
    }
}
