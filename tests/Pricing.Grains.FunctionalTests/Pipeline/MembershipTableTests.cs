using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Pipeline;

/// <summary>The in-process test clusters on MariaDB run on the grid's own ADO.NET membership table, not a test double.</summary>
[Trait("Category", "MySql")]
public sealed class MembershipTableTests
{
    [Fact]
    public async Task Test_silos_on_MariaDB_register_in_the_grid_s_membership_table()
    {
        await using var grid = await GrainCluster.StartAsync(DatabaseKind.MySql, silos: 2);

        var active = await grid.Analytics.Database.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3");

        Assert.Equal(2, active);
    }
}
