using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in the embedded default (silo in process, demo catalog seeded, first run started by itself) on fresh
/// databases of one kind, over real HTTP handlers via WebApplicationFactory. Shared by the tests of one class.
/// Before it starts, a user per role gets a token (<see cref="Tokens"/>), plus one token expired and one revoked;
/// <see cref="Http"/> acts as ADMIN.
/// </summary>
public abstract class GatewayHost(DatabaseKind kind) : IAsyncLifetime
{
    /// <summary>The password of each test user, named after their role: test-viewer, test-analyst, …</summary>
    public const string Password = "a password for tests";

    public Dictionary<Role, string> Tokens { get; } = [];
    public string ExpiredToken { get; private set; } = null!;
    public string RevokedToken { get; private set; } = null!;

    public static string UserOf(Role role) => $"test-{role.Name().ToLowerInvariant().Replace('_', '-')}";

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
        await CreateUsersAsync();
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
            web.UseSetting(Access.PricingAuthentication.SignInsPerMinuteKey, "1000");
            web.UseSetting(Access.SessionCookie.RecheckKey, "0"); // a session checks its user's role at every request
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

    /// <summary>For a fixture that needs other settings.</summary>
    protected virtual void Configure(IWebHostBuilder web) { }

    private async Task CreateUsersAsync()
    {
        await new Migrator(Analytics.Database, "Analytics").ApplyAsync();
        var store = new AnalyticsStore(Analytics.Database);
        var accounts = new Accounts(store.Users, store.Audit, TimeProvider.System);
        foreach (var role in Enum.GetValues<Role>())
        {
            await accounts.SaveUserAsync("test", UserOf(role), role, Password);
            Tokens[role] = (await accounts.CreateTokenAsync("test", UserOf(role), role, TimeSpan.FromHours(2))).Token;
        }
        ExpiredToken = (await accounts.CreateTokenAsync("test", UserOf(Role.Admin), Role.Admin, TimeSpan.FromMilliseconds(1))).Token;
        var (revoked, record) = await accounts.CreateTokenAsync("test", UserOf(Role.Admin), Role.Admin, TimeSpan.FromHours(2));
        await accounts.RevokeTokenAsync("test", record.Id);
        RevokedToken = revoked;
    }

    /// <summary>A client of its own acting as ADMIN; the shared <see cref="Http"/> is one.</summary>
    public HttpClient NewClient() => NewClient(Tokens[Role.Admin]);

    /// <summary>A client sending this bearer token, or none; it keeps the cookies it is given.</summary>
    public HttpClient NewClient(string? token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

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
