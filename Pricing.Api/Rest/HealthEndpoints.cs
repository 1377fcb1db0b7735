using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary>
/// <c>/api/health/</c>: "ok" only when the cluster answers and, through it, both databases (details per check; 503
/// otherwise). <c>/health/live</c>: the process serves HTTP. <c>/health/ready</c>: the same verdict as /api/health/.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health/", async (IGrainFactory grains) => Report(await CheckAsync(grains)));
        app.MapGet("/health/ready", async (IGrainFactory grains) => Report(await CheckAsync(grains)));
        app.MapGet("/health/live", () => Results.Json(new { status = "ok" }));
    }

    private static IResult Report(List<HealthCheck> checks)
    {
        var ok = checks.All(c => c.Ok);
        return Results.Json(new
        {
            status = ok ? "ok" : "unhealthy",
            checks = checks.ToDictionary(c => c.Name, c => new { status = c.Ok ? "ok" : "failed", error = c.Error }),
        }, statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<List<HealthCheck>> CheckAsync(IGrainFactory grains)
    {
        try
        {
            var databases = await grains.GetGrain<IAnalyticsQueryGrain>(0).Health().AsTask().WaitAsync(Timeout);
            return [new HealthCheck("cluster", true, null), .. databases];
        }
        catch (Exception e)
        {
            var error = $"the cluster did not answer: {e.Message}";
            return [new HealthCheck("cluster", false, error), new HealthCheck("source_db", false, "not checked: " + error),
                new HealthCheck("analytics_db", false, "not checked: " + error)];
        }
    }
}
