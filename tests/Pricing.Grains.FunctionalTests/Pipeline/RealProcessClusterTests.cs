using System.Diagnostics;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Features;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Pipeline;

/// <summary>
/// The cluster topology of scripts/cluster-local.sh as real processes on MariaDB: two Pricing.Silo processes,
/// a `pipeline --full` command as a client; one silo is killed (SIGKILL) during the run.
/// </summary>
[Trait("Category", "MySql")]
public sealed class RealProcessClusterTests : IAsyncLifetime
{
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("pricing-cluster-");
    private readonly List<Process> _silos = [];
    private TestDatabase _source = null!;
    private TestDatabase _analytics = null!;
    private string[] _config = [];

    public async Task InitializeAsync()
    {
        _source = await TestDatabase.CreateAsync(DatabaseKind.MySql, "ConnectionStrings:Source");
        _analytics = await TestDatabase.CreateAsync(DatabaseKind.MySql, "ConnectionStrings:Analytics");
        var clusterId = $"test-{Guid.NewGuid():N}"[..20];
        _config = ["--Pricing:Database=MySql", "--Orleans:Clustering=AdoNet", $"--Orleans:ClusterId={clusterId}", $"--Orleans:ServiceId={clusterId}",
            $"--ConnectionStrings:Source={_source.Database.ConnectionString}", $"--ConnectionStrings:Analytics={_analytics.Database.ConnectionString}",
            "--Pricing:Pipeline:BatchSize=10"];
        var seed = await SiloProcess.RunAsync(_workDir.FullName, ["seed", "--skus", "400", "--days", "90", "--end-date", "2025-04-14", .. _config]);
        Assert.True(seed.ExitCode == 0, seed.Stderr);
        var migrate = await SiloProcess.RunAsync(_workDir.FullName, ["migrate", .. _config]);
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => !s.HasExited))
            silo.Kill(entireProcessTree: true);
        await _source.DisposeAsync();
        await _analytics.DisposeAsync();
        _workDir.Delete(true);
    }

    [Fact]
    public async Task Two_silo_processes_finish_a_full_run_exactly_after_one_is_killed_mid_run()
    {
        var ports = Enumerable.Range(0, 2).Select(_ => (Silo: FreePort(), Gateway: FreePort())).ToList();
        foreach (var (silo, gateway) in ports)
            _silos.Add(StartSilo(silo, gateway));
        await WaitForActiveSilosAsync(2);

        var command = SiloProcess.RunAsync(_workDir.FullName, ["pipeline", "--full", .. _config, $"--Orleans:GatewayPort={ports[1].Gateway}"]);
        await WaitForProgressAsync();
        _silos[0].Kill(entireProcessTree: true); // SIGKILL: no goodbye to the cluster
        var result = await command;

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var expected = await SourceRecompute.RunAsync(new SourceStore(_source.Database));
        Golden.AssertSameFeatures(expected.Features, await new AnalyticsStore(_analytics.Database).Features.ReadAsync().ToListAsync());
    }

    [Fact]
    public async Task A_gateway_process_serves_the_api_as_a_client_of_the_silo_processes()
    {
        _silos.Add(StartSilo(FreePort(), FreePort()));
        await WaitForActiveSilosAsync(1);
        var port = FreePort();
        // a gateway of a cluster carries none of the grid's implementation: what its runtime may load says so
        var dependencies = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Pricing.ClusterGateway.deps.json"));
        Assert.DoesNotContain("Microsoft.ML", dependencies);
        Assert.DoesNotContain("\"Pricing.Grains/", dependencies);
        Assert.Contains("\"Pricing.Grains.Abstractions/", dependencies);
        _silos.Add(Start("Pricing.ClusterGateway.dll", [.. _config, $"--urls=http://127.0.0.1:{port}"]));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        for (var i = 0; !await IsHealthyAsync(http); i++)
        {
            Assert.False(_silos[^1].HasExited, "the gateway exited");
            Assert.True(i < 300, "the gateway did not become healthy");
            await Task.Delay(200);
        }
        // cluster mode has no default user: nothing answers until the operator makes one with the silo's CLI
        Assert.Equal(0, await _analytics.Database.ScalarAsync<long>("SELECT COUNT(*) FROM users"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.PostAsync("/api/etl/run/?mode=full", null)).StatusCode);
        var token = await SiloProcess.RunAsync(_workDir.FullName, ["token", "create", "--user", "operator", "--role", "ADMIN", .. _config]);
        Assert.True(token.ExitCode == 0, token.Stderr);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.Stdout.TrimEnd().Split('\n')[^1]);

        var started = System.Text.Json.Nodes.JsonNode.Parse(await (await http.PostAsync("/api/etl/run/?mode=full", null)).Content.ReadAsStringAsync())!;
        var id = started["id"]!.GetValue<long>();
        for (var i = 0; (await http.GetStringAsync($"/api/jobs/{id}/")) is var job && !job.Contains("\"status\":\"SUCCEEDED\""); i++)
        {
            Assert.DoesNotContain("FAILED", job);
            Assert.True(i < 600, "the run did not finish");
            await Task.Delay(200);
        }

        var anomalies = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/api/anomalies/?limit=5"))!;
        Assert.Equal(await _analytics.Database.ScalarAsync<long>("SELECT COUNT(*) FROM features WHERE reasons <> 0"), anomalies["count"]!.GetValue<long>());
        var detail = await http.PostAsync("/graphql", new StringContent("""{"query": "{ skuDetail(sku: \"SKU000001\") { liveState { seriesCount } } }"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("seriesCount", await detail.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/dashboard/")).StatusCode);
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/api/health/")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private Process StartSilo(int siloPort, int gatewayPort) => Start("Pricing.Silo.dll", ["run", .. _config,
                     $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={gatewayPort}",
                     // tests only: declare a killed silo dead within seconds, let the pipeline tick every few seconds
                     "--Orleans:Membership:ProbeTimeout=00:00:01", "--Orleans:Membership:NumMissedProbesLimit=2",
                     "--Orleans:Membership:NumVotesForDeathDeclaration=1", "--Orleans:Membership:TableRefreshTimeout=00:00:02",
                     "--Orleans:Membership:IAmAliveTablePublishTimeout=00:00:03", "--Pricing:Pipeline:TickSeconds=3"]);

    private Process Start(string binary, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _workDir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, binary), .. args])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitForActiveSilosAsync(int count)
    {
        for (var i = 0; i < 600; i++)
        {
            var active = await _analytics.Database.ScalarAsync<long>("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3");
            if (active >= count)
                return;
            Assert.All(_silos, s => Assert.False(s.HasExited, "a silo process exited at start"));
            await Task.Delay(100);
        }
        throw new TimeoutException($"{count} silos did not become active");
    }

    private async Task WaitForProgressAsync()
    {
        var store = new AnalyticsStore(_analytics.Database);
        for (var i = 0; i < 1200; i++)
        {
            if ((await store.Jobs.ListAsync(1)).FirstOrDefault() is { SkusDone: > 0 } job)
            {
                Assert.True(job.SkusDone < job.SkusTotal, "the run finished before a silo could be killed");
                return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException("the run made no progress");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
