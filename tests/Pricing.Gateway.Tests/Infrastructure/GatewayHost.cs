using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in the embedded default (silo in process, demo catalog seeded, first run started by itself) on fresh
/// databases of one kind, over real HTTP handlers via WebApplicationFactory. Shared by the tests of one class.
/// </summary>
public abstract class GatewayHost(DatabaseKind kind) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;

    /// <summary>A material group of the demo catalog whose rules differ from the global ones, as an operator would set them.</summary>
    public const string OverriddenGroup = "TOOL02";
    public const double OverriddenLowMarginPct = 12;

    public HttpClient Http { get; private set; } = null!;
    public TestDatabase Source { get; private set; } = null!;
    public TestDatabase Analytics { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Source = await TestDatabase.CreateAsync(kind, "ConnectionStrings:Source");
        Analytics = await TestDatabase.CreateAsync(kind, "ConnectionStrings:Analytics");
        await BeforeStartAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Pricing:Database", kind.ToString());
            web.UseSetting("ConnectionStrings:Source", Source.Database.ConnectionString);
            web.UseSetting("ConnectionStrings:Analytics", Analytics.Database.ConnectionString);
            web.UseSetting("Orleans:SiloPort", FreePort().ToString());
            web.UseSetting("Orleans:GatewayPort", FreePort().ToString());
            web.UseSetting("Orleans:ClusterId", $"gateway-test-{Guid.NewGuid():N}");
            web.UseSetting($"Pricing:Rules:Groups:{OverriddenGroup}:LowMarginPct", OverriddenLowMarginPct.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Configure(web);
        });
        Http = NewClient();
        // the first start seeds the demo catalog and runs the pipeline once
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var latest = await Http.GetAsync("/api/jobs/latest/");
            if (latest.StatusCode == HttpStatusCode.OK && (await latest.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() is var status
                && status is "SUCCEEDED" or "FAILED")
            {
                Assert.Equal("SUCCEEDED", status);
                break;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the first run did not finish in 3 minutes");
            await Task.Delay(250);
        }
    }

    /// <summary>For a fixture that needs more: settings, and rows in the fresh databases before the gateway starts.</summary>
    protected virtual void Configure(IWebHostBuilder web) { }

    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>A client of its own; the shared <see cref="Http"/> is the first one.</summary>
    public virtual HttpClient NewClient() => _factory.CreateClient();

    public IServiceProvider Services => _factory.Services;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await Source.DisposeAsync();
        await Analytics.DisposeAsync();
    }

    /// <summary>Posts a GraphQL document; returns the HTTP status and the parsed response.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> GraphQLAsync(string query, object? variables = null)
    {
        var response = await Http.PostAsJsonAsync("/graphql", new { query, variables });
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    /// <summary>The data of a query that must succeed without errors.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var (status, body) = await GraphQLAsync(query, variables);
        Assert.True(status == HttpStatusCode.OK && body["errors"] is null, $"{status}: {body.ToJsonString()}");
        return body["data"]!;
    }

    /// <summary>The error codes of a query that must fail.</summary>
    public async Task<List<string>> ErrorCodesAsync(string query, object? variables = null)
    {
        var (_, body) = await GraphQLAsync(query, variables);
        Assert.True(body["errors"] is JsonArray, body.ToJsonString());
        return [.. body["errors"]!.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>() ?? "")];
    }

    public async Task<long> CountAsync(string sql) => await Analytics.Database.ScalarAsync<long>(sql);

    public async Task<JsonObject> WaitForJobAsync(string id)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = (await DataAsync("query($id: ID!) { job(id: $id) { id status error kind rowsRead anomaliesFound modelVersion } }", new { id }))["job"]!.AsObject();
            if (job["status"]!.GetValue<string>() is "SUCCEEDED" or "FAILED")
                return job;
            await Task.Delay(200);
        }
        throw new TimeoutException($"job {id} did not finish");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
