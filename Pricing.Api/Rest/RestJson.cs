using System.Globalization;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.Rest;

/// <summary>The snake_case JSON shapes of the original Django API.</summary>
public static class RestJson
{
    public static object Feature(FeatureRow r) => new
    {
        id = AnomalyCursor.Of(r),
        sku = r.Sku,
        sales_org = r.SalesOrg,
        customer_id = r.CustomerId,
        dt = Date(r.Dt),
        net_price = r.NetPrice,
        unit_cost = r.UnitCost,
        margin_pct = r.MarginPct,
        price_change_7d_pct = r.PriceChange7dPct,
        volatility_14d_pct = r.Volatility14dPct,
        comp_min_price = r.CompMinPrice,
        comp_delta_pct = r.CompDeltaPct,
        ml_score = r.MlScore,
        model_version = r.ModelVersion,
        top_feature = r.TopFeature,
        quantity = r.Quantity,
        impact = r.Impact,
        impact_reporting = r.ImpactReporting,
        reasons = ReasonNames.Split(r.Reasons).ToList(),
        severity = r.Reasons == AnomalyReasons.None ? null : SeverityRules.Of(r).Name(),
    };

    public static object? Job(JobRun? j) => j is null ? null : new
    {
        id = j.Id,
        kind = j.Kind.Name(),
        mode = j.Mode.Name(),
        trigger = j.Trigger,
        status = j.Status.Name(),
        created_at = GraphQL.JobRunType.Iso(j.CreatedAt),
        started_at = GraphQL.JobRunType.Iso(j.StartedAt),
        finished_at = GraphQL.JobRunType.Iso(j.FinishedAt),
        stage = j.Stage?.Name(),
        skus_done = j.SkusDone,
        skus_total = j.SkusTotal,
        rows_read = j.RowsRead,
        rows_rejected = j.RowsRejected,
        feature_rows_written = j.FeatureRowsWritten,
        anomalies_found = j.AnomaliesFound,
        rows_without_rate = j.RowsWithoutRate,
        model_version = j.ModelVersion,
        error = j.Error,
        seconds = j.Seconds is { } s ? new { read = s.Read, compute = s.Compute, score = s.Score, write = s.Write } : null,
    };

    public static object SkuDetail(SkuDetail d) => new
    {
        sku = d.Material.Sku,
        description = d.Material.Description,
        material_group = d.Material.MaterialGroup,
        currency = d.Material.Currency,
        base_uom = d.Material.BaseUom,
        series = d.Points.GroupBy(p => (p.SalesOrg, p.CustomerId)).Select(g => new
        {
            sales_org = g.Key.SalesOrg,
            customer_id = g.Key.CustomerId,
            points = g.OrderBy(p => p.Dt).Select(Feature).ToList(),
        }).ToList(),
        anomalies = d.Points.Where(p => p.Reasons != AnomalyReasons.None).OrderByDescending(p => p.Dt).Select(Feature).ToList(),
        competitors = d.Competitors.Select(c => new { competitor = c.Competitor, dt = Date(c.Dt), price = c.Price, currency = c.Currency }).ToList(),
    };

    public static object Rejected(RejectedRow r) => new
    {
        table = r.Table,
        sku = r.Sku,
        sales_org = r.SalesOrg,
        customer_id = r.CustomerId,
        competitor = r.Competitor,
        dt = Date(r.Dt),
        reason = r.Reason.Code(),
        job_id = r.JobId,
    };

    public static object Incident(Incident i, List<IncidentEvent>? history = null) => new
    {
        id = i.Id,
        sku = i.Sku,
        sales_org = i.SalesOrg,
        customer_id = i.CustomerId,
        reason = ReasonNames.Of(i.Reason),
        first_dt = Date(i.FirstDt),
        last_dt = Date(i.LastDt),
        days = i.Days,
        ongoing = i.Ongoing,
        max_severity = i.MaxSeverity.Name(),
        impact = i.Impact,
        impact_reporting = i.ImpactReporting,
        status = i.Status.Name(),
        assignee = i.Assignee,
        comments = history?.Where(e => e.Kind == IncidentEventKind.Comment).Select(Event).ToList(),
        history = history?.Select(Event).ToList(),
    };

    private static object Event(IncidentEvent e) => new
    {
        at = GraphQL.JobRunType.Iso(e.At),
        actor = e.Actor,
        kind = e.Kind.ToString().ToUpperInvariant(),
        from = e.From,
        to = e.To,
        text = e.Text,
    };

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
