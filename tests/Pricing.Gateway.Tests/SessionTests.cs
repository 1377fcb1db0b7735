using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Pricing.Gateway.Access;
using Pricing.Gateway.Tests.Infrastructure;
using Pricing.Identity;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Gateway.Tests;

/// <summary>The browser's session (cookie, anti-forgery token, sign-out), lockout, and the audit of what callers do.</summary>
public abstract class SessionTests(GatewayHost gateway)
{
    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private async Task<(HttpClient Browser, string CsrfToken)> SignInAsync(Role role)
    {
        var browser = gateway.NewClient(token: null);
        var response = await browser.PostAsJsonAsync(SignInEndpoints.SignInRoute, new { name = GatewayHost.UserOf(role), password = GatewayHost.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (browser, (await JsonAsync(response))["csrfToken"]!.GetValue<string>());
    }

    private static HttpRequestMessage GraphQL(string query, string? csrfToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        if (csrfToken is not null)
            request.Headers.Add(CsrfGuard.HeaderName, csrfToken);
        return request;
    }

    [Fact]
    public async Task Session_keys_live_in_the_analytics_database_so_another_gateway_reads_this_ones_cookies()
    {
        await SignInAsync(Role.Viewer);
        var sealedHere = gateway.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("a session").Protect("test-viewer");

        var elsewhere = new ServiceCollection().AddLogging().AddSingleton(gateway.Services.GetRequiredService<IGrainFactory>());
        SessionKeyRing.AddTo(elsewhere);
        await using var anotherGateway = elsewhere.BuildServiceProvider();

        Assert.Equal("test-viewer", anotherGateway.GetRequiredService<IDataProtectionProvider>().CreateProtector("a session").Unprotect(sealedHere));
        Assert.True(await gateway.CountAsync("SELECT COUNT(*) FROM session_keys") >= 1);
    }

    [Fact]
    public async Task An_open_session_follows_a_change_of_its_users_role()
    {
        var store = new AnalyticsStore(gateway.Analytics.Database);
        var accounts = new Accounts(store.Users, store.Audit, TimeProvider.System);
        await accounts.SaveUserAsync("test", "soon-demoted", Role.PricingManager, GatewayHost.Password);
        var browser = gateway.NewClient(token: null);
        var signIn = await JsonAsync(await browser.PostAsJsonAsync(SignInEndpoints.SignInRoute, new { name = "soon-demoted", password = GatewayHost.Password }));
        Assert.Equal("PRICING_MANAGER", signIn["role"]!.GetValue<string>());

        await accounts.SaveUserAsync("test", "soon-demoted", Role.Viewer, GatewayHost.Password);

        Assert.Equal("VIEWER", (await JsonAsync(await browser.GetAsync("/api/auth/me")))["role"]!.GetValue<string>());
        var retrain = await browser.SendAsync(GraphQL("mutation { retrainModel { version } }", signIn["csrfToken"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, retrain.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_acts_with_its_cookie_and_the_anti_forgery_token_and_not_without_it_after_signing_out()
    {
        var browser = gateway.NewClient(token: null);
        var signIn = await browser.PostAsJsonAsync(SignInEndpoints.SignInRoute, new { name = GatewayHost.UserOf(Role.Analyst), password = GatewayHost.Password });
        var body = await JsonAsync(signIn);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();

        Assert.Equal((GatewayHost.UserOf(Role.Analyst), "ANALYST"), (body["name"]!.GetValue<string>(), body["role"]!.GetValue<string>()));
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.DoesNotContain("secure", cookie); // reached as localhost
        Assert.Equal("ANALYST", (await JsonAsync(await browser.GetAsync("/api/auth/me")))["role"]!.GetValue<string>());

        var csrf = body["csrfToken"]!.GetValue<string>();
        var without = await browser.SendAsync(GraphQL("{ me { name } }", null));
        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Contains(CsrfGuard.HeaderName, (await JsonAsync(without))["detail"]!.GetValue<string>());
        var forged = await browser.SendAsync(GraphQL("{ me { name } }", "not-the-token"));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var with = await browser.SendAsync(GraphQL("{ me { name role } }", csrf));
        Assert.Equal(GatewayHost.UserOf(Role.Analyst), (await JsonAsync(with))["data"]!["me"]!["name"]!.GetValue<string>());

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-out");
        signOut.Headers.Add(CsrfGuard.HeaderName, csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_browser_mutation_without_the_anti_forgery_token_does_nothing()
    {
        var (browser, csrf) = await SignInAsync(Role.PricingManager);
        var jobs = await gateway.CountAsync("SELECT COUNT(*) FROM job_runs");

        var refused = await browser.SendAsync(GraphQL("mutation { recomputeSku(sku: \"SKU000002\") { id } }", null));
        var restRefused = await browser.PostAsync("/api/etl/run/", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, restRefused.StatusCode);
        Assert.Equal(jobs, await gateway.CountAsync("SELECT COUNT(*) FROM job_runs"));
        var done = await JsonAsync(await browser.SendAsync(GraphQL("mutation { recomputeSku(sku: \"SKU000002\") { id } }", csrf)));
        await gateway.WaitForJobAsync(done["data"]!["recomputeSku"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_session_cookie_is_secure_when_the_gateway_is_not_reached_as_localhost()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SignInEndpoints.SignInRoute)
        {
            Content = JsonContent.Create(new { name = GatewayHost.UserOf(Role.Viewer), password = GatewayHost.Password }),
        };
        request.Headers.Host = "pricing.example.com";

        var response = await gateway.NewClient(token: null).SendAsync(request);

        Assert.Contains("secure", response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.CookieName, StringComparison.Ordinal)).ToLowerInvariant());
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_alike_and_five_in_a_row_lock_the_user_out_even_with_the_right_one()
    {
        var store = new AnalyticsStore(gateway.Analytics.Database);
        await new Accounts(store.Users, store.Audit, TimeProvider.System).SaveUserAsync("test", "lockout-victim", Role.Viewer, GatewayHost.Password);
        var browser = gateway.NewClient(token: null);
        Task<HttpResponseMessage> SignIn(string name, string password) => browser.PostAsJsonAsync(SignInEndpoints.SignInRoute, new { name, password });

        var unknown = await SignIn("nobody-at-all", GatewayHost.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(SignInEndpoints.SignInFailed, (await JsonAsync(unknown))["error"]!.GetValue<string>());
        for (var i = 0; i < Accounts.MaxFailedSignIns; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("lockout-victim", $"wrong {i}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn("lockout-victim", GatewayHost.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsJsonAsync(SignInEndpoints.SignInRoute, new { name = "x" })).StatusCode);
        Assert.Contains((await store.Audit.PageAsync(20, null)), e => e is { Action: AuditActions.SignInLocked, UserName: "lockout-victim" });
    }

    [Fact]
    public async Task What_a_caller_starts_through_the_api_is_in_the_audit_log_under_their_name_for_an_admin_to_read()
    {
        var manager = gateway.NewClient(gateway.Tokens[Role.PricingManager]);
        async Task<JsonNode> Mutate(string query) => (await JsonAsync(await manager.PostAsJsonAsync("/graphql", new { query })))["data"]!;

        var recompute = (await Mutate("mutation { recomputeSku(sku: \"SKU000003\") { id } }"))["recomputeSku"]!["id"]!.GetValue<string>();
        await gateway.WaitForJobAsync(recompute);
        var model = (await Mutate("mutation { retrainModel { version } }"))["retrainModel"]!["version"]!.GetValue<int>();

        var log = (await gateway.DataAsync("{ auditLog(first: 50) { nodes { userName action subject at } pageInfo { hasNextPage endCursor } } }"))["auditLog"]!;
        var mine = log["nodes"]!.AsArray().Where(e => e!["userName"]!.GetValue<string>() == GatewayHost.UserOf(Role.PricingManager))
            .Select(e => (e!["action"]!.GetValue<string>(), e["subject"]!.GetValue<string>())).ToList();
        Assert.Contains((AuditActions.RecomputeStarted, $"run {recompute} recomputes SKU000003"), mine);
        Assert.Contains((AuditActions.ModelRetrained, $"model version {model}"), mine);
        Assert.Equal($"graphql:{GatewayHost.UserOf(Role.PricingManager)}",
            (await gateway.DataAsync($"{{ job(id: \"{recompute}\") {{ trigger }} }}"))["job"]!["trigger"]!.GetValue<string>());

        var page = (await gateway.DataAsync("{ auditLog(first: 2) { nodes { id } pageInfo { hasNextPage endCursor } } }"))["auditLog"]!;
        var next = (await gateway.DataAsync("query($after: String) { auditLog(first: 2, after: $after) { nodes { id } } }",
            new { after = page["pageInfo"]!["endCursor"]!.GetValue<string>() }))["auditLog"]!;
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(long.Parse(next["nodes"]![0]!["id"]!.GetValue<string>()) < long.Parse(page["nodes"]![1]!["id"]!.GetValue<string>()));
        Assert.Equal(["BAD_CURSOR"], await gateway.ErrorCodesAsync("{ auditLog(after: \"x\") { nodes { id } } }"));
    }
}

[Collection(SqliteGatewayCollection.Name)]
public sealed class SqliteSessionTests(SqliteGateway gateway) : SessionTests(gateway);

[Collection(MySqlGatewayCollection.Name), Trait("Category", "MySql")]
public sealed class MySqlSessionTests(MySqlGateway gateway) : SessionTests(gateway);
