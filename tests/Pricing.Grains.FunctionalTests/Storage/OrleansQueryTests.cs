using MySqlConnector;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Storage;

/// <summary>The SQL Orleans reads from OrleansQuery, run the way silos run it: several at once.</summary>
[Trait("Category", "MySql")]
public sealed class OrleansQueryTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await new Migrator(_db.Database, "Analytics").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Silos_starting_together_insert_the_membership_version_row_once_and_never_deadlock()
    {
        var query = (await _db.Database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'InsertMembershipVersionKey'"))!;

        // The upstream text deadlocked in about one of a hundred three-silo starts; 300 starts make a regression show.
        for (var cluster = 0; cluster < 300; cluster++)
        {
            var id = $"cluster-{cluster}";
            var inserted = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => InsertVersionRowAsync(query, id))));
            Assert.Equal([0L, 0L, 1L], inserted.Order());
        }
        Assert.Equal(300L, await _db.Database.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansMembershipVersionTable"));
        Assert.Equal(0L, await InsertVersionRowAsync(query, null));
    }

    private async Task<long> InsertVersionRowAsync(string query, string? deploymentId)
    {
        await using var connection = (MySqlConnection)await _db.Database.OpenAsync();
        await using var command = new MySqlCommand(query, connection);
        command.Parameters.AddWithValue("@DeploymentId", deploymentId);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
