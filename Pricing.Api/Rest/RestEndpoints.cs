using System.Text.Json;
using Pricing.Gateway.Access;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary>The REST endpoints (docs/api.md, REST) with the original paths and snake_case JSON, plus the Excel export.</summary>
public static class RestEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = null };

    public static void MapRestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapPost("/etl/run/", async (HttpRequest request, PricingApi pricing) =>
        {
            var text = request.Text("mode");
            var mode = JobMode.Incremental;
            if (text is not null && !JobNames.TryParse(text.ToUpperInvariant(), out mode))
                throw new ApiArgumentException(ApiArgumentException.BadArgument, $"mode: '{text}' is not one of {string.Join(", ", JobNames.Names<JobMode>())}");
            return Results.Json(RestJson.Job(await pricing.RunPipelineAsync(mode, Callers.Of(request.HttpContext.User)!, "rest")), Json, statusCode: StatusCodes.Status202Accepted);
        });

        api.MapGet("/jobs/", async (HttpRequest request, PricingApi pricing) =>
            Results.Json((await pricing.JobsAsync(ApiArguments.PageSize(request.Int("limit"), 20, "limit"))).Select(RestJson.Job), Json));

        api.MapGet("/jobs/latest/", async (PricingApi pricing) =>
            await pricing.LatestJobAsync() is { } job ? Results.Json(RestJson.Job(job), Json) : NotFound("no job has run yet"));

        api.MapGet("/jobs/{id:long}/", async (long id, PricingApi pricing) =>
            await pricing.JobAsync(id) is { } job ? Results.Json(RestJson.Job(job), Json) : NotFound($"no job {id}"));

        api.MapGet("/anomalies/", async (HttpRequest request, PricingApi pricing) =>
        {
            var filter = request.AnomalyFilter();
            var order = request.Text("order") switch
            {
                null or "date" => AnomalyOrder.DateDesc,
                "severity" => AnomalyOrder.SeverityDesc,
                "ml_score" => AnomalyOrder.MlScoreDesc,
                var other => throw new ApiArgumentException(ApiArgumentException.BadArgument, $"order: '{other}' is not date, severity or ml_score"),
            };
            var limit = ApiArguments.PageSize(request.Int("limit"), 50, "limit");
            var page = await pricing.AnomaliesAsync(filter, order, limit, ApiArguments.AnomalyCursorOrNull(request.Text("after"), order));
            return Results.Json(new
            {
                count = page.TotalCount,
                next = page.HasNextPage ? AnomalyCursor.After(page.Nodes[^1], order) : null,
                results = page.Nodes.Select(RestJson.Feature),
            }, Json);
        });

        api.MapGet("/anomalies/reasons/", async (HttpRequest request, PricingApi pricing) =>
        {
            var counts = await pricing.ReasonCountsAsync(ApiArguments.Date(request.Text("dt_from"), "dt_from"), ApiArguments.Date(request.Text("dt_to"), "dt_to"));
            return Results.Json(counts.Select(c => new { reason = Model.ReasonNames.Of(c.Reason), count = c.Count }), Json);
        });

        api.MapGet("/anomalies/export.xlsx", AnomalyExport.WriteAsync).WithRequestTimeout(TimeSpan.FromMinutes(10));

        api.MapGet("/anomalies/{sku}/", async (string sku, HttpRequest request, PricingApi pricing) =>
            Results.Json(RestJson.SkuDetail(await pricing.SkuDetailAsync(ApiArguments.Sku(sku), ApiArguments.Range(request.Int("days"), 60, 1, 3660, "days"))), Json));

        api.MapGet("/incidents/", async (HttpRequest request, PricingApi pricing) =>
        {
            var filter = request.IncidentFilter();
            var order = request.IncidentOrder();
            var limit = ApiArguments.PageSize(request.Int("limit"), 50, "limit");
            var page = await pricing.IncidentsAsync(filter, order, limit, ApiArguments.IncidentCursorOrNull(request.Text("after"), order));
            return Results.Json(new
            {
                count = page.TotalCount,
                next = page.HasNextPage ? IncidentCursor.After(page.Nodes[^1], order) : null,
                results = page.Nodes.Select(i => RestJson.Incident(i)),
            }, Json);
        });

        api.MapGet("/incidents/export.xlsx", IncidentExport.WriteAsync).WithRequestTimeout(TimeSpan.FromMinutes(10));

        api.MapGet("/incidents/{id:long}/", async (long id, PricingApi pricing) =>
            await pricing.IncidentAsync(id) is { } detail ? Results.Json(RestJson.Incident(detail.Incident, detail.History), Json) : NotFound($"no incident {id}"));

        api.MapGet("/rejected-rows/", async (HttpRequest request, PricingApi pricing) =>
        {
            var rows = await pricing.RejectedRowsAsync(request.Text("table"), request.Text("sku"), request.Int("job_id"), request.Text("reason")?.ToUpperInvariant(),
                ApiArguments.PageSize(request.Int("limit"), 50, "limit"), ApiArguments.Range(request.Int("offset"), 0, 0, int.MaxValue, "offset"));
            return Results.Json(rows.Select(RestJson.Rejected), Json);
        });
    }

    private static IResult NotFound(string detail) => ApiErrors.Result(StatusCodes.Status404NotFound, ApiArgumentException.NotFound, detail);

}
