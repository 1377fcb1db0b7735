using System.Globalization;
using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary>Query-string parameters of the REST endpoints, checked with the same words as GraphQL's arguments.</summary>
public static class RestQuery
{
    private static readonly Severity[] Levels = [Severity.Low, Severity.Medium, Severity.High, Severity.Critical];

    public static string? Text(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    public static int? Int(this HttpRequest request, string name) =>
        request.Text(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name}: '{text}' is not a whole number");

    public static double? Number(this HttpRequest request, string name) =>
        request.Text(name) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"{name}: '{text}' is not a number");

    /// <summary>The anomaly filters of <c>GET /api/anomalies/</c> and its export, snake_case like the original API.</summary>
    public static AnomalyFilter AnomalyFilter(this HttpRequest request)
    {
        var (from, to) = request.DateRange();
        return new AnomalyFilter
        {
            Reason = request.Reason(),
            Sku = request.Text("sku"),
            SkuPrefix = request.Text("sku_prefix"),
            SalesOrg = request.Text("sales_org"),
            CustomerId = request.Text("customer_id"),
            MaterialGroup = request.Text("material_group"),
            DtFrom = from,
            DtTo = to,
            MinSeverity = (int?)request.MinSeverity(),
            MinMlScore = ApiArguments.Score(request.Number("min_ml_score"), "min_ml_score"),
        };
    }

    /// <summary>The incident filters of <c>GET /api/incidents/</c> and its export: GraphQL's, in snake_case.</summary>
    public static IncidentFilter IncidentFilter(this HttpRequest request)
    {
        var (from, to) = request.DateRange();
        return new IncidentFilter
        {
            Status = request.Text("status") is { } status
                ? IncidentStatuses.Parse(status.ToUpperInvariant()) ?? throw new ApiArgumentException(ApiArgumentException.BadArgument,
                    $"status: '{status}' is not one of {string.Join(", ", Enum.GetValues<IncidentStatus>().Select(s => s.Name()))}")
                : null,
            Reason = request.Reason(),
            Sku = request.Text("sku"),
            SkuPrefix = request.Text("sku_prefix"),
            SalesOrg = request.Text("sales_org"),
            CustomerId = request.Text("customer_id"),
            MaterialGroup = request.Text("material_group"),
            MinSeverity = request.MinSeverity(),
            MinImpact = ApiArguments.MinImpact(request.Number("min_impact")),
            Ongoing = request.Text("ongoing") switch
            {
                null => null,
                "true" => true,
                "false" => false,
                var other => throw new ApiArgumentException(ApiArgumentException.BadArgument, $"ongoing: '{other}' is not true or false"),
            },
            DtFrom = from,
            DtTo = to,
            Assignee = request.Text("assignee"),
        };
    }

    public static IncidentOrder IncidentOrder(this HttpRequest request) => request.Text("order") switch
    {
        null or "impact" => Model.IncidentOrder.ImpactDesc,
        "severity" => Model.IncidentOrder.SeverityDesc,
        "newest" => Model.IncidentOrder.Newest,
        var other => throw new ApiArgumentException(ApiArgumentException.BadArgument, $"order: '{other}' is not impact, severity or newest"),
    };

    private static (DateOnly? From, DateOnly? To) DateRange(this HttpRequest request)
    {
        var from = ApiArguments.Date(request.Text("dt_from"), "dt_from");
        var to = ApiArguments.Date(request.Text("dt_to"), "dt_to");
        ApiArguments.DateRange(from, to, "dt_from", "dt_to");
        return (from, to);
    }

    private static AnomalyReasons? Reason(this HttpRequest request) =>
        request.Text("reason") is { } reason
            ? ReasonNames.Parse(reason.ToUpperInvariant()) ?? throw new ApiArgumentException(ApiArgumentException.BadArgument,
                $"reason: '{reason}' is not one of {string.Join(", ", ReasonNames.All.Select(r => r.Name))}")
            : null;

    private static Severity? MinSeverity(this HttpRequest request) =>
        request.Text("min_severity") is { } severity
            ? Levels.FirstOrDefault(l => l.Name() == severity.ToUpperInvariant()) is var level && level != Severity.None
                ? level
                : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"min_severity: '{severity}' is not one of LOW, MEDIUM, HIGH, CRITICAL")
            : null;
}
