using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

public abstract class MigratorTests(DatabaseKind kind) : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(kind);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("Source")]
    [InlineData("Analytics")]
    public async Task Migrations_apply_once_and_record_their_version(string component)
    {
        var migrator = new Migrator(_db.Database, component);
        var all = Migrator.Load(kind, component);
        Assert.NotEmpty(all);

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(all.Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal(all[^1].Version, await migrator.CurrentVersionAsync());
    }

    [Fact]
    public async Task Concurrent_starts_apply_each_migration_exactly_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new Migrator(_db.Database, "Analytics").ApplyAsync())));

        Assert.Equal(Migrator.Load(kind, "Analytics").Count, results.Sum(r => r.Count));
        Assert.Equal(Migrator.Load(kind, "Analytics").Count,
            await _db.Database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_versions WHERE component = 'Analytics'"));
    }

    [Fact]
    public async Task Source_and_analytics_can_share_one_database()
    {
        await new Migrator(_db.Database, "Source").ApplyAsync();
        var analytics = await new Migrator(_db.Database, "Analytics").ApplyAsync();

        Assert.Equal(Migrator.Load(kind, "Analytics").Count, analytics.Count);
    }

    [Fact]
    public void Statements_split_on_line_end_semicolons_or_a_declared_delimiter()
    {
        var plain = new Migration(1, "x", "-- a comment\nCREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);  \n");
        Assert.Equal(["CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)"], plain.Statements);

        var delimited = new Migration(2, "y", "-- delimiter: $$\nINSERT INTO q VALUES ('a; b;\nc;')\n$$\nSELECT 1\n$$\n");
        Assert.Equal(["INSERT INTO q VALUES ('a; b;\nc;')", "SELECT 1"], delimited.Statements);
    }
}

public sealed class SqliteMigratorTests() : MigratorTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlMigratorTests() : MigratorTests(DatabaseKind.MySql);
