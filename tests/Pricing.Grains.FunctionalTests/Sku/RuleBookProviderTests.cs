using Microsoft.Extensions.Time.Testing;
using Pricing.Model;
using Pricing.Sku;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Sku;

/// <summary>
/// A silo's rule book follows the database's overrides: at once for a recompute that names a newer version, within
/// <see cref="RuleBookProvider.MaxAge"/> for everything else.
/// </summary>
public abstract class RuleBookProviderTests(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly RuleBook Configured = new(RuleThresholds.Default, new Dictionary<string, RuleThresholds> { ["TOOL02"] = new(LowMarginPct: 12) });
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private AnalyticsStore Analytics => new(_db.Database, _clock);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(kind);
        await new Migrator(_db.Database, "Analytics").ApplyAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_saved_override_reaches_a_silo_that_read_the_rules_before_when_a_recompute_asks_for_its_version_or_after_the_max_age()
    {
        var silo = new RuleBookProvider(Configured, Analytics, _clock);
        var before = await silo.GetAsync();
        Assert.Equal((0L, 12.0), (before.Version, before.For("TOOL02").LowMarginPct));

        var version = await Analytics.Rules.SaveAsync("TOOL02", new RuleOverride(LowMarginPct: 20, PriceSpikePct: 45));

        Assert.Equal(1, version);
        Assert.Equal(12, (await silo.GetAsync()).For("TOOL02").LowMarginPct); // cached
        var recomputing = await silo.GetAsync(atLeastVersion: version);
        Assert.Equal(new RuleThresholds(LowMarginPct: 20, PriceSpikePct: 45), recomputing.For("TOOL02"));
        Assert.Equal(RuleThresholds.Default, recomputing.For("PAINT04"));

        await Analytics.Rules.SaveAsync("TOOL02", RuleOverride.None); // back to the configuration
        Assert.Equal(20, (await silo.GetAsync()).For("TOOL02").LowMarginPct);
        _clock.Advance(RuleBookProvider.MaxAge);
        var later = await silo.GetAsync();
        Assert.Equal((2L, 12.0), (later.Version, later.For("TOOL02").LowMarginPct));
        Assert.Equal(RuleOverride.None, await Analytics.Rules.ReadOverrideAsync("TOOL02"));
    }
}

public sealed class SqliteRuleBookProviderTests() : RuleBookProviderTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlRuleBookProviderTests() : RuleBookProviderTests(DatabaseKind.MySql);
