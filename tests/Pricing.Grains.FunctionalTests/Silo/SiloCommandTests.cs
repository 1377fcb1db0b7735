using MySqlConnector;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Silo;

/// <summary>The silo's verbs and its start-up checks, run as a real process.</summary>
public class SiloCommandTests : IDisposable
{
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("pricing-silo-");

    public void Dispose() => _workDir.Delete(true);

    [Fact]
    public async Task Seed_then_migrate_work_on_sqlite_under_data()
    {
        var seed = await SiloProcess.RunAsync(_workDir.FullName, "seed", "--skus", "10", "--days", "20", "--end-date", "2025-04-14");
        var migrate = await SiloProcess.RunAsync(_workDir.FullName, "migrate");

        Assert.True(seed.ExitCode == 0, seed.Stderr);
        Assert.Contains("10 materials", seed.Stdout);
        Assert.True(File.Exists(Path.Combine(_workDir.FullName, "data", "source.db")));
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("Source: up to date at V", migrate.Stdout);
        Assert.Contains("Analytics: applied V1", migrate.Stdout);
    }

    [Fact]
    [Trait("Category", "MySql")]
    public async Task Seed_then_migrate_work_on_mariadb()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        await using var analytics = await TestDatabase.CreateAsync(DatabaseKind.MySql);
        string[] config = ["--Pricing:Database=MySql", $"--ConnectionStrings:Source={source.Database.ConnectionString}", $"--ConnectionStrings:Analytics={analytics.Database.ConnectionString}"];

        var seed = await SiloProcess.RunAsync(_workDir.FullName, ["seed", "--skus", "10", "--days", "20", .. config]);
        var nextDay = await SiloProcess.RunAsync(_workDir.FullName, ["seed", "--next-day", .. config]);
        var corrections = await SiloProcess.RunAsync(_workDir.FullName, ["seed", "--corrections", "5", .. config]);
        var migrate = await SiloProcess.RunAsync(_workDir.FullName, ["migrate", .. config]);

        Assert.True(seed.ExitCode == 0, seed.Stderr);
        Assert.Contains("10 materials", seed.Stdout);
        Assert.True(nextDay.ExitCode == 0, nextDay.Stderr);
        Assert.StartsWith("appended ", nextDay.Stdout);
        Assert.True(corrections.ExitCode == 0, corrections.Stderr);
        Assert.StartsWith("5 changes", corrections.Stdout);
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        Assert.Contains("Analytics: applied V1", migrate.Stdout);
        Assert.Equal(10L, await source.Database.ScalarAsync<long>("SELECT COUNT(*) FROM materials"));
    }

    [Theory]
    [InlineData("--Pricing:Database=Postgres", "configuration error: Pricing:Database: 'Postgres' is not one of Sqlite, MySql")]
    [InlineData("--Pricing:Rules:LowMarginPct=abc", "configuration error: Pricing:Rules:LowMarginPct: 'abc' is not a number")]
    [InlineData("--Pricing:Database=MySql", "configuration error: ConnectionStrings:Source: is required when Pricing:Database is MySql")]
    [InlineData("--Pricing:Pipeline:BatchSize=0", "configuration error: Pricing:Pipeline:BatchSize: '0' is out of range: a whole number of at least 1")]
    public async Task Bad_configuration_fails_fast_with_one_line_naming_the_key(string arg, string expectedStart)
    {
        var result = await SiloProcess.RunAsync(_workDir.FullName, "migrate", arg);

        Assert.Equal(78, result.ExitCode);
        Assert.StartsWith(expectedStart, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_unwritable_data_directory_fails_fast_naming_the_file()
    {
        var blocker = Path.Combine(_workDir.FullName, "not-a-dir");
        await File.WriteAllTextAsync(blocker, "a file where the data directory should be");

        var result = await SiloProcess.RunAsync(_workDir.FullName, "migrate", $"--ConnectionStrings:Source=Data Source={blocker}/source.db");

        Assert.Equal(78, result.ExitCode);
        Assert.StartsWith($"configuration error: ConnectionStrings:Source: cannot open or create the SQLite file '{blocker}/source.db'", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_unreachable_mysql_fails_fast_naming_the_key()
    {
        var result = await SiloProcess.RunAsync(_workDir.FullName, "migrate", "--Pricing:Database=MySql",
            "--ConnectionStrings:Source=Server=127.0.0.1;Port=1;Database=x;User=u;Password=p",
            "--ConnectionStrings:Analytics=Server=127.0.0.1;Port=1;Database=y;User=u;Password=p");

        Assert.Equal(78, result.ExitCode);
        Assert.StartsWith("configuration error: ConnectionStrings:Source: cannot reach the MySQL server", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Unknown_verbs_and_bad_option_values_print_usage()
    {
        var verb = await SiloProcess.RunAsync(_workDir.FullName, "frobnicate");
        var value = await SiloProcess.RunAsync(_workDir.FullName, "seed", "--skus", "many");

        Assert.Equal(64, verb.ExitCode);
        Assert.StartsWith("error: unknown verb 'frobnicate'", verb.Stderr);
        Assert.Equal(64, value.ExitCode);
        Assert.StartsWith("error: --skus takes a whole number, not 'many'", value.Stderr);
    }
}
