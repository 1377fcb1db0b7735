using Pricing.Model;

namespace Pricing.Grains;

/// <summary>
/// The reads behind the gateway: a stateless worker on every silo that queries the analytics (and source) DB, so the
/// gateway holds no database credentials. Key 0.
/// </summary>
public interface IAnalyticsQueryGrain : IGrainWithIntegerKey
{
    ValueTask<AnomalyPage> Anomalies(AnomalyFilter filter, AnomalyOrder order, int first, AnomalyPosition? after);

    ValueTask<IncidentPage> Incidents(IncidentFilter filter, IncidentOrder order, int first, IncidentPosition? after);

    /// <summary>Null when there is no such incident (or it lost its rows).</summary>
    ValueTask<IncidentDetail?> Incident(long id);

    ValueTask<List<ImpactGroup>> ImpactSummary(DateOnly? dtFrom, DateOnly? dtTo, ImpactGroupBy groupBy);

    ValueTask<List<ReasonCount>> ReasonCounts(DateOnly? dtFrom, DateOnly? dtTo);

    /// <summary>Null when the SKU is not in the material master.</summary>
    ValueTask<SkuDetail?> SkuDetail(string sku, int days);

    ValueTask<List<JobRun>> Jobs(int first);

    ValueTask<JobRun?> Job(long id);

    ValueTask<List<RejectedRow>> RejectedRows(string? table, string? sku, long? jobId, string? reason, int first, int offset);

    ValueTask<List<ModelVersion>> ModelVersions();

    /// <summary>The rule thresholds in force now: the global ones and each material group's that differ.</summary>
    ValueTask<RuleBook> RuleBook();

    ValueTask<List<HealthCheck>> Health();
}
