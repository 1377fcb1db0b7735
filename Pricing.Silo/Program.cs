using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Pricing.Hosting;
using Pricing.Seeding;
using Pricing.Silo;
using Pricing.Storage;

const string Usage = """
    Pricing.Silo: a silo of the pricing grid, and its maintenance verbs.

      Pricing.Silo [run]        run a silo (embedded default: SQLite under data/, demo data on first start)
      Pricing.Silo migrate      apply the schema migrations to the source and analytics databases
      Pricing.Silo pipeline     start a pipeline run on the running cluster and follow it until it ends
          --full             recompute everything (default: incremental, rows changed since the watermark)
          --sku SKU          recompute one SKU from the source (repeat --sku for several)
      Pricing.Silo retrain      train a new version of the scoring model on the running cluster
      Pricing.Silo evaluate     score rules and model against the seed's labels; stored with the model version
          --catalogs         instead: compare the scoring candidates on the evaluation catalogs, generated in memory
          --skus-per-catalog N (300)  --days N (240)
      Pricing.Silo seed         generate a SAP-like catalog into the source database
          --skus N (60)  --days N (120)  --end-date yyyy-MM-dd (today)  --seed N (42)
          --sales-orgs N (2)  --customers-per-org N (5)  --series-per-sku N (4)  --competitors N (3)
          --problem-days N (30)  mean length of a persistent problem (too-low price, cost not passed on, undercut)
          shapes (docs/architecture.md, Evaluation catalogs): --price-level X (40)  --price-noise-pct X (0.4)
          --competitor-coverage X (0.9)  --irregularity-rate X (0.002)  --undercut-rate X (0.002)  --spike-days N (5)
          --reset            replace what the source holds
          --next-day         append one realistic day after the newest one instead
          --corrections N    apply N late rows and corrections to the last 30 days instead
      Pricing.Silo user add NAME --role ROLE     add a user (or set their role); the password is read from standard input
      Pricing.Silo user list                     every user with their role and active tokens
      Pricing.Silo token create --user NAME --role ROLE [--expires 30d]
                                                 a bearer token (the user is made when missing); printed alone, last
      Pricing.Silo token revoke ID               a token stops working at once
          ROLE: VIEWER, ANALYST, PRICING_MANAGER or ADMIN

    Configuration (docs/operators.md, Configuration) comes from appsettings.json, environment variables (Pricing__Database=MySql)
    or the command line (--Pricing:Database=MySql --ConnectionStrings:Source="Server=...").
    """;

var seedOptions = new HashSet<string>(["sku", "skus", "days", "end-date", "seed", "sales-orgs", "customers-per-org", "series-per-sku", "competitors", "problem-days", "corrections",
    "price-level", "price-noise-pct", "competitor-coverage", "irregularity-rate", "undercut-rate", "spike-days", "skus-per-catalog",
    "role", "user", "expires"], StringComparer.OrdinalIgnoreCase);
var seedFlags = new HashSet<string>(["reset", "next-day", "full", "catalogs", "help", "h"], StringComparer.OrdinalIgnoreCase);

try
{
    var command = new CommandLine(args, seedOptions, seedFlags);
    if (command.Flag("help") || command.Flag("h") || command.Verb == "help")
    {
        Console.WriteLine(Usage);
        return 0;
    }

    // appsettings.json sits next to the binary; relative SQLite paths (data/) stay relative to the working directory.
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = command.ConfigurationArgs, ContentRootPath = AppContext.BaseDirectory });
    var settings = PricingSettings.Read(builder.Configuration);
    switch (command.Verb)
    {
        case "run":
            builder.AddPricingSilo(settings);
            await builder.Build().RunAsync();
            return 0;
        case "migrate":
            foreach (var (database, component) in new[] { (settings.OpenSource(), "Source"), (settings.OpenAnalytics(), "Analytics") })
            {
                await DatabaseCheck.EnsureReachableAsync(database);
                var applied = await new Migrator(database, component).ApplyAsync();
                var version = await new Migrator(database, component).CurrentVersionAsync();
                Console.WriteLine(applied.Count == 0
                    ? $"{component}: up to date at V{version}"
                    : $"{component}: applied {string.Join(", ", applied.Select(m => $"V{m.Version} {m.Description}"))}; now at V{version}");
            }
            return 0;
        case "seed":
            return await SeedAsync(command, settings.OpenSource());
        case "user" or "token":
            return await AccountCommands.RunAsync(command, settings, Console.In);
        case "pipeline":
            builder.AddPricingClient(settings);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                return await PipelineCommand.RunAsync(host.Services, command.Flag("full"), command.Values("sku"));
            }
        case "retrain":
            builder.AddPricingClient(settings);
            using (var host = builder.Build())
            {
                await host.StartAsync();
                var grains = host.Services.GetRequiredService<Orleans.IClusterClient>();
                var version = await grains.GetGrain<Pricing.Grains.IModelTrainerGrain>(Pricing.Grains.PipelineCatalog.Default).Train(PipelineCommand.CliCaller.Name);
                await grains.GetGrain<Pricing.Grains.IIdentityGrain>(0).Audit(PipelineCommand.CliCaller, Pricing.Model.AuditActions.ModelRetrained, $"model version {version.Version}");
                Console.WriteLine($"model version {version.Version}: {version.RowCount:N0} rows of {version.TrainedFrom:yyyy-MM-dd}..{version.TrainedTo:yyyy-MM-dd}, " +
                    $"threshold {version.Threshold:0.0000}; {version.MetricsJson}");
                return 0;
            }
        case "evaluate" when command.Flag("catalogs"):
        {
            var (skus, days) = (command.Int("skus-per-catalog", 300), command.Int("days", 240));
            if (skus is < 10 or > 100_000 || days is < 60 or > 3_660)
                throw new UsageException("--skus-per-catalog must be between 10 and 100000 and --days between 60 and 3660");
            var results = new List<Pricing.ModelSelection.CatalogResult>();
            foreach (var (name, options) in Pricing.ModelSelection.EvaluationCatalogs.Of(skus, days))
            {
                results.Add(Pricing.ModelSelection.ModelComparison.Run(name, options, Pricing.Scoring.ScoringCandidate.All));
                Console.Error.WriteLine($"evaluated {name}");
            }
            Console.WriteLine(Pricing.ModelSelection.ModelComparison.ToTable(results));
            return 0;
        }
        case "evaluate":
        {
            var (report, version) = await new Pricing.Scoring.ModelEvaluator(new SourceStore(settings.OpenSource()), new AnalyticsStore(settings.OpenAnalytics())).EvaluateAsync();
            Console.WriteLine(report.ToTable());
            Console.WriteLine(version is null ? "no model version to store the evaluation with" : $"stored with model version {version}");
            return 0;
        }
        default:
            throw new UsageException($"unknown verb '{command.Verb}'");
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{Usage}");
    return 64;
}
catch (PricingConfigurationException e)
{
    Console.Error.WriteLine($"configuration error: {e.Message}");
    return 78;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or System.Data.Common.DbException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static async Task<int> SeedAsync(CommandLine command, SqlDatabase source)
{
    await DatabaseCheck.EnsureReachableAsync(source);
    await new Migrator(source, "Source").ApplyAsync();
    var defaults = new CatalogOptions();
    var options = new CatalogOptions
    {
        Skus = command.Int("skus", defaults.Skus),
        Days = command.Int("days", defaults.Days),
        EndDate = command.Date("end-date"),
        Seed = command.Int("seed", defaults.Seed),
        SalesOrgs = command.Int("sales-orgs", defaults.SalesOrgs),
        CustomersPerOrg = command.Int("customers-per-org", defaults.CustomersPerOrg),
        SeriesPerSku = command.Int("series-per-sku", defaults.SeriesPerSku),
        CompetitorsPerSku = command.Int("competitors", defaults.CompetitorsPerSku),
        ProblemDays = command.Int("problem-days", defaults.ProblemDays),
        PriceLevel = command.Double("price-level", defaults.PriceLevel),
        PriceNoisePct = command.Double("price-noise-pct", defaults.PriceNoisePct),
        CompetitorCoverage = command.Double("competitor-coverage", defaults.CompetitorCoverage),
        IrregularityRate = command.Double("irregularity-rate", defaults.IrregularityRate),
        UndercutRate = command.Double("undercut-rate", defaults.UndercutRate),
        SpikeDays = command.Int("spike-days", defaults.SpikeDays),
    };
    if (options.Validate() is { } problem)
        throw new UsageException(problem);

    if (command.Flag("next-day"))
    {
        var (day, report) = await new NextDayGenerator(source).AppendAsync(options.Seed, options);
        Console.WriteLine($"appended {day:yyyy-MM-dd}: {report}");
    }
    else if (command.Int("corrections", 0) is > 0 and var corrections)
    {
        Console.WriteLine(await new CorrectionsGenerator(source).ApplyAsync(corrections, options.Seed));
    }
    else
    {
        Console.WriteLine($"seeding {options.Skus:N0} SKUs x {options.Days} days ending {options.ResolvedEndDate:yyyy-MM-dd} into {source.ConfigKey} ...");
        Console.WriteLine(await new Seeder(source).SeedCatalogAsync(options, command.Flag("reset")));
    }
    return 0;
}
