using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Pricing.Storage;

/// <summary>Cluster mode: MySQL 8 or MariaDB 10.11 through MySqlConnector.</summary>
public sealed class MySqlDatabase(string connectionString, string configKey, ILogger? logger = null)
    : SqlDatabase(Normalise(connectionString), configKey)
{
    private const int InsertBatchRows = 1000;
    /// <summary>Whether the server takes LOAD DATA LOCAL INFILE; asked once. Tests set it to exercise the fallback.</summary>
    internal bool? ServerAllowsLocalInfile { get; set; }

    public override DatabaseKind Kind => DatabaseKind.MySql;

    public override string LastInsertIdSql => "SELECT LAST_INSERT_ID()";

    public string DatabaseName => new MySqlConnectionStringBuilder(ConnectionString).Database;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    protected override string OnConflictUpdateSql(IReadOnlyList<string> keyColumns, IReadOnlyList<string> updateColumns) =>
        $"ON DUPLICATE KEY UPDATE {string.Join(", ", updateColumns.Select(c => $"{c} = VALUES({c})"))}";

    public override string ForUpdateSql => " FOR UPDATE";

    public override object Timestamp(DateTime value) => value;

    public override object Price(double value) => (decimal)value;

    public override async Task<long> BulkInsertAsync<T>(string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, OnDuplicate onDuplicate, CancellationToken ct = default)
    {
        await using var connection = (MySqlConnection)await OpenAsync(ct);
        ServerAllowsLocalInfile ??= Convert.ToInt32(await new MySqlCommand("SELECT @@local_infile", connection).ExecuteScalarAsync(ct)) == 1;
        if (ServerAllowsLocalInfile == true)
            return await LoadDataAsync(connection, table, columns, rows, onDuplicate, ct);

        logger?.LogWarning("{Key}: the server has local_infile OFF, so bulk writes fall back to multi-row INSERTs (about 3x slower). Set local_infile=1 on the server.", ConfigKey);
        return await InsertBatchesAsync(connection, table, columns, rows, onDuplicate, ct);
    }

    public override string DropIndexSql(string table, string index) => $"DROP INDEX {index} ON {table}";

    public override async Task<bool> TableExistsAsync(string table, CancellationToken ct = default) =>
        await ScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @t",
            c => c.Bind("@t", table), ct) > 0;

    public override Task<List<string>> IndexColumnsAsync(string table, string index, CancellationToken ct = default) =>
        ListAsync("SELECT column_name FROM information_schema.statistics WHERE table_schema = DATABASE() " +
            "AND table_name = @t AND index_name = @i ORDER BY seq_in_index", c => c.Bind("@t", table).Bind("@i", index), r => r.GetString(0), ct);

    public override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        var name = $"pricing_schema_{DatabaseName}";
        var acquired = await new MySqlCommand($"SELECT GET_LOCK('{name}', 120)", (MySqlConnection)connection).ExecuteScalarAsync(ct);
        if (Convert.ToInt32(acquired) != 1)
            throw new TimeoutException($"{ConfigKey}: another process held the schema lock for 2 minutes");
        return new SchemaLock((MySqlConnection)connection, name);
    }

    private static async Task<long> LoadDataAsync<T>(MySqlConnection connection, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, OnDuplicate onDuplicate, CancellationToken ct)
    {
        var bulk = new MySqlBulkCopy(connection)
        {
            DestinationTableName = table,
            ConflictOption = onDuplicate == OnDuplicate.Replace ? MySqlBulkLoaderConflictOption.Replace : MySqlBulkLoaderConflictOption.None,
            BulkCopyTimeout = 0,
        };
        for (var i = 0; i < columns.Count; i++)
            bulk.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, columns[i].Name));
        using var reader = new RowReader<T>(columns, rows);
        var result = await bulk.WriteToServerAsync(reader, ct);
        return result.RowsInserted;
    }

    private static async Task<long> InsertBatchesAsync<T>(MySqlConnection connection, string table, IReadOnlyList<BulkColumn<T>> columns, IEnumerable<T> rows, OnDuplicate onDuplicate, CancellationToken ct)
    {
        var verb = onDuplicate == OnDuplicate.Replace ? "REPLACE" : "INSERT";
        var head = $"{verb} INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ";
        await using var transaction = await connection.BeginTransactionAsync(ct);
        long count = 0;
        foreach (var chunk in rows.Chunk(InsertBatchRows))
        {
            await using var command = new MySqlCommand { Connection = connection, Transaction = transaction };
            var sql = new StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@p{r}_{c}";
                    sql.Append(c == 0 ? name : "," + name);
                    command.Parameters.AddWithValue(name, columns[c].Value(chunk[r]) ?? DBNull.Value);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
            count += chunk.Length;
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    /// <summary>The connection string with what the grid needs switched on; Orleans' ADO.NET providers get it too.</summary>
    public static string Normalise(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString)
        {
            AllowLoadLocalInfile = true, // MySqlBulkCopy sends rows with LOAD DATA LOCAL INFILE
            AllowUserVariables = true,
        };
        // Each process has a pool per connection string; silos x pools x the default 100 connections passes MySQL's
        // default max_connections (151) as soon as a few silos are busy ("Too many connections", seen with 3 silos).
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
            builder.MaximumPoolSize = 20;
        if (!connectionString.Contains("ConnectionTimeout", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("Connect Timeout", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionTimeout = 10;
        return builder.ConnectionString;
    }

    private sealed class SchemaLock(MySqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await new MySqlCommand($"SELECT RELEASE_LOCK('{name}')", connection).ExecuteScalarAsync();
    }
}
