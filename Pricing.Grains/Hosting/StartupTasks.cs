using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Seeding;
using Pricing.Storage;

namespace Pricing.Hosting;

/// <summary>
/// Before the silo takes calls: check both databases answer, apply migrations, and in the embedded default
/// seed a demo catalog into an empty source and make the first users, so a laptop needs no setup.
/// </summary>
internal sealed class StartupTasks(PricingSettings settings, PricingDatabases databases, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await DatabaseCheck.EnsureReachableAsync(databases.Source, ct);
        await DatabaseCheck.EnsureReachableAsync(databases.Analytics, ct);
        foreach (var (database, component) in new[] { (databases.Source, "Source"), (databases.Analytics, "Analytics") })
        {
            var applied = await new Migrator(database, component).ApplyAsync(ct);
            if (applied.Count > 0)
                logger.LogInformation("{Component} database migrated to V{Version}", component, applied[^1].Version);
        }

        if (settings.SeedDemoData && await new SourceStore(databases.Source).CountAsync(ct) is { Materials: 0 })
        {
            var report = await new Seeder(databases.Source).SeedCatalogAsync(new CatalogOptions(), reset: false, ct);
            logger.LogInformation("Seeded a demo catalog: {Report}", report);
        }

        if (settings.Clustering == ClusteringKind.Localhost)
        {
            var made = await InitialAccounts.CreateAsync(new AnalyticsStore(databases.Analytics), settings.SeedDemoData, settings.InitialPasswordsFile, ct);
            foreach (var (name, role, password) in made)
                logger.LogWarning("First start: user {Name} ({Role}) has password {Password}; shown once, and kept only in {File}, which only you can read",
                    name, role.Name(), password, Path.GetFullPath(settings.InitialPasswordsFile));
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
