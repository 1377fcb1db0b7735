using Pricing.Model;

namespace Pricing.Gateway.Access;

/// <summary>
/// The least role each operation needs (docs/api.md, Sign-in and roles): the one place that says who may do what,
/// for every GraphQL root field and every REST endpoint. What is missing here needs ADMIN, so a new operation is
/// closed until it is given a rule (and a test over the schema fails until then).
/// </summary>
public static class AccessRules
{
    public static readonly IReadOnlyDictionary<string, Role> GraphQLFields = new Dictionary<string, Role>
    {
        ["anomalies"] = Role.Viewer,
        ["anomalyReasons"] = Role.Viewer,
        ["skuDetail"] = Role.Viewer,
        ["rejectedRows"] = Role.Viewer,
        ["jobs"] = Role.Viewer,
        ["job"] = Role.Viewer,
        ["latestJob"] = Role.Viewer,
        ["modelVersions"] = Role.Viewer,
        ["ruleThresholds"] = Role.Viewer,
        ["me"] = Role.Viewer,
        ["incidents"] = Role.Viewer,
        ["incident"] = Role.Viewer,
        ["impactSummary"] = Role.Viewer,
        ["setIncidentStatus"] = Role.Analyst,
        ["assignIncident"] = Role.Analyst,
        ["commentIncident"] = Role.Analyst,
        ["snoozeIncident"] = Role.Analyst,
        // subscriptions hold webhook URLs (a Slack one is its own secret): pricing managers only
        ["alertSubscriptions"] = Role.PricingManager,
        ["alertDeliveries"] = Role.PricingManager,
        ["createAlertSubscription"] = Role.PricingManager,
        ["updateAlertSubscription"] = Role.PricingManager,
        ["deleteAlertSubscription"] = Role.PricingManager,
        ["testAlertSubscription"] = Role.PricingManager,
        ["auditLog"] = Role.Admin,
        // introspection: the explorer of anyone signed in
        ["__schema"] = Role.Viewer,
        ["__type"] = Role.Viewer,
        ["__typename"] = Role.Viewer,
        ["runPipeline"] = Role.PricingManager,
        ["recomputeSku"] = Role.PricingManager,
        ["retrainModel"] = Role.PricingManager,
        ["setRuleThresholds"] = Role.PricingManager,
    };

    /// <summary>
    /// The routes authorized like REST endpoints: the API's, and the Orleans dashboard's (cluster internals, so
    /// unlisted: ADMIN). The UI's static files and the GraphQL explorer page hold no data and stay open.
    /// </summary>
    public static readonly string[] GuardedRoutePrefixes = ["/api/", "/dashboard"];

    /// <summary>The REST endpoints anyone may call: health, and signing in.</summary>
    public static readonly IReadOnlySet<string> OpenRestEndpoints = new HashSet<string> { "GET /api/health/", "POST /api/auth/sign-in" };

    /// <summary>By method and route pattern, as ASP.NET Core routes them.</summary>
    public static readonly IReadOnlyDictionary<string, Role> RestEndpoints = new Dictionary<string, Role>
    {
        ["GET /api/auth/me"] = Role.Viewer,
        ["POST /api/auth/sign-out"] = Role.Viewer,
        ["POST /api/etl/run/"] = Role.PricingManager,
        ["GET /api/jobs/"] = Role.Viewer,
        ["GET /api/jobs/latest/"] = Role.Viewer,
        ["GET /api/jobs/{id:long}/"] = Role.Viewer,
        ["GET /api/anomalies/"] = Role.Viewer,
        ["GET /api/anomalies/reasons/"] = Role.Viewer,
        ["GET /api/anomalies/export.xlsx"] = Role.Analyst,
        ["GET /api/anomalies/{sku}/"] = Role.Viewer,
        ["GET /api/rejected-rows/"] = Role.Viewer,
        ["GET /api/incidents/"] = Role.Viewer,
        ["GET /api/incidents/export.xlsx"] = Role.Analyst,
        ["GET /api/incidents/{id:long}/"] = Role.Viewer,
    };

    public static Role ForGraphQLField(string name) => GraphQLFields.GetValueOrDefault(name, Role.Admin);

    /// <summary>The role the endpoint needs, or null when it is open.</summary>
    public static Role? ForRestEndpoint(string method, string route) =>
        OpenRestEndpoints.Contains($"{method} {route}") ? null : RestEndpoints.GetValueOrDefault($"{method} {route}", Role.Admin);
}
