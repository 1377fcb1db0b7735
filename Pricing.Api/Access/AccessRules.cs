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
        // introspection: the explorer of anyone signed in
        ["__schema"] = Role.Viewer,
        ["__type"] = Role.Viewer,
        ["__typename"] = Role.Viewer,
        ["runPipeline"] = Role.PricingManager,
        ["recomputeSku"] = Role.PricingManager,
        ["retrainModel"] = Role.PricingManager,
    };

    /// <summary>By method and route pattern, as ASP.NET Core routes them. Health is open and not listed.</summary>
    public static readonly IReadOnlyDictionary<string, Role> RestEndpoints = new Dictionary<string, Role>
    {
        ["POST /api/etl/run/"] = Role.PricingManager,
        ["GET /api/jobs/"] = Role.Viewer,
        ["GET /api/jobs/latest/"] = Role.Viewer,
        ["GET /api/jobs/{id:long}/"] = Role.Viewer,
        ["GET /api/anomalies/"] = Role.Viewer,
        ["GET /api/anomalies/reasons/"] = Role.Viewer,
        ["GET /api/anomalies/export.xlsx"] = Role.Analyst,
        ["GET /api/anomalies/{sku}/"] = Role.Viewer,
        ["GET /api/rejected-rows/"] = Role.Viewer,
    };

    public static Role ForGraphQLField(string name) => GraphQLFields.GetValueOrDefault(name, Role.Admin);

    public static Role ForRestEndpoint(string method, string route) => RestEndpoints.GetValueOrDefault($"{method} {route}", Role.Admin);
}
