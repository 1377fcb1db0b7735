using MySqlConnector;
using Pricing.Storage;

namespace Pricing.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test class: a temporary SQLite file, or a new schema on the throwaway
/// MariaDB that scripts/test.sh starts (its root connection string is in PRICING_TEST_MYSQL).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string MySqlVariable = "PRICING_TEST_MYSQL";

    private readonly Func<Task>? _drop;

    private TestDatabase(SqlDatabase database, Func<Task>? drop)
    {
        Database = database;
        _drop = drop;
    }

    public SqlDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, string configKey = "ConnectionStrings:Analytics")
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("pricing-test-");
            return new TestDatabase(new SqliteDatabase($"Data Source={Path.Combine(directory.FullName, "test.db")}", configKey),
                () => { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); directory.Delete(true); return Task.CompletedTask; });
        }

        var root = MySqlRootConnectionString;
        var name = $"pricing_test_{Guid.NewGuid():N}"[..40];
        await using (var connection = new MySqlConnection(root))
        {
            await connection.OpenAsync();
            await new MySqlCommand($"CREATE DATABASE {name} CHARACTER SET utf8mb4", connection).ExecuteNonQueryAsync();
        }
        // Every test class has its own database, so its own connection pools: idle connections must not outlive it,
        // or a long test run exhausts the server's connections.
        var builder = new MySqlConnectionStringBuilder(root) { Database = name, ConnectionIdleTimeout = 5 };
        return new TestDatabase(new MySqlDatabase(builder.ConnectionString, configKey), async () =>
        {
            await MySqlConnection.ClearAllPoolsAsync();
            await using var connection = new MySqlConnection(root);
            await connection.OpenAsync();
            await new MySqlCommand($"DROP DATABASE IF EXISTS {name}", connection).ExecuteNonQueryAsync();
        });
    }

    public static string MySqlRootConnectionString =>
        Environment.GetEnvironmentVariable(MySqlVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"MySQL tests need a MariaDB/MySQL server: set {MySqlVariable} to a root connection string, or run scripts/test.sh, which starts one.");

    public async ValueTask DisposeAsync()
    {
        if (_drop is not null)
            await _drop();
    }
}
