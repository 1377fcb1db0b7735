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

    [Fact]
    public async Task Users_and_tokens_are_managed_from_the_command_line_and_stored_hashed()
    {
        var add = await SiloProcess.RunWithInputAsync(_workDir.FullName, "correct horse battery", "user", "add", "alice", "--role", "ANALYST");
        var tooHigh = await SiloProcess.RunAsync(_workDir.FullName, "token", "create", "--user", "alice", "--role", "ADMIN");
        var created = await SiloProcess.RunAsync(_workDir.FullName, "token", "create", "--user", "ci-bot", "--role", "PRICING_MANAGER", "--expires", "7d");
        var list = await SiloProcess.RunAsync(_workDir.FullName, "user", "list");
        var revoke = await SiloProcess.RunAsync(_workDir.FullName, "token", "revoke", "1");
        var again = await SiloProcess.RunAsync(_workDir.FullName, "token", "revoke", "1");

        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Equal("user alice is ANALYST", add.Stdout.Trim());
        Assert.Equal(1, tooHigh.ExitCode);
        Assert.Equal("error: a token's role cannot be above its user's: alice is ANALYST, not ADMIN", tooHigh.Stderr.Trim());
        Assert.True(created.ExitCode == 0, created.Stderr);
        var token = created.Stdout.TrimEnd().Split('\n')[^1]; // the last line is the token alone, for scripts
        Assert.Matches("^pg_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(["alice\tANALYST\tpassword\t0 active tokens", "ci-bot\tPRICING_MANAGER\tno password\t1 active tokens"], list.Stdout.TrimEnd().Split('\n'));
        Assert.Equal((0, 1), (revoke.ExitCode, again.ExitCode));
        Assert.Equal("error: token 1 is revoked already", again.Stderr.Trim());

        // neither the password nor the token is in the database, only their hashes
        var file = await File.ReadAllBytesAsync(Path.Combine(_workDir.FullName, "data", "analytics.db"));
        var text = System.Text.Encoding.UTF8.GetString(file);
        Assert.DoesNotContain("correct horse battery", text);
        Assert.DoesNotContain(token, text);
        Assert.Contains(Pricing.Identity.ApiTokens.Hash(token), text);
    }

    [Fact]
    public async Task A_short_password_or_an_unknown_role_is_refused_and_nothing_is_stored()
    {
        var shortPassword = await SiloProcess.RunWithInputAsync(_workDir.FullName, "short", "user", "add", "bob", "--role", "ADMIN");
        var role = await SiloProcess.RunWithInputAsync(_workDir.FullName, "correct horse battery", "user", "add", "bob", "--role", "OWNER");
        var list = await SiloProcess.RunAsync(_workDir.FullName, "user", "list");

        Assert.Equal((1, "error: a password needs at least 12 characters (got 5)"), (shortPassword.ExitCode, shortPassword.Stderr.Trim()));
        Assert.Equal(64, role.ExitCode);
        Assert.StartsWith("error: --role: 'OWNER' is not one of VIEWER, ANALYST, PRICING_MANAGER, ADMIN", role.Stderr);
        Assert.Equal("", list.Stdout.Trim());
    }
}
