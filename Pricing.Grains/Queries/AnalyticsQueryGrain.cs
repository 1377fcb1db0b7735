using System.Globalization;
using Orleans.Concurrency;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Sku;
using Pricing.Storage;

namespace Pricing.Queries;

/// <summary>
/// Answers the gateway's reads from the databases. Stateless and reentrant: an activation serves many requests at
/// once while they wait on MySQL; SQLite answers synchronously, so a silo keeps up to 8 activations to serve
/// requests side by side. Every silo runs its own.
/// </summary>
[StatelessWorker(maxLocalWorkers: 8), Reentrant]
public sealed class AnalyticsQueryGrain(SourceStore source, AnalyticsStore analytics, CountCache counts, RuleBookProvider rules)
    : Grain, IAnalyticsQueryGrain
{
    private readonly AnomalyQueries _anomalies = new(analytics.Database);
    private readonly IncidentQueries _incidents = new(analytics.Database);

    public async ValueTask<AnomalyPage> Anomalies(AnomalyFilter filter, AnomalyOrder order, int first, AnomalyPosition? after)
    {
        var groupSkus = filter.MaterialGroup is { } group ? await source.ReadSkusOfGroupAsync(group) : null;
        var page = await _anomalies.PageAsync(filter, groupSkus, order, first, after,
            async count => await counts.GetOrAddAsync($"anomalies {order} {filter}", await analytics.Jobs.RunsEndedStampAsync(), count));
        return page with { ThresholdsBySku = await ThresholdsAsync([.. page.Nodes.Select(r => r.Sku).Distinct()]) };
    }

    public async ValueTask<IncidentPage> Incidents(IncidentFilter filter, IncidentOrder order, int first, IncidentPosition? after)
    {
        var groupSkus = filter.MaterialGroup is { } group ? await source.ReadSkusOfGroupAsync(group) : null;
        // counted once per filter and change: the tabs' totals count every matching incident
        var stamp = $"{await analytics.Jobs.RunsEndedStampAsync()} {await _incidents.ChangeStampAsync()}";
        return await _incidents.PageAsync(filter, groupSkus, order, first, after,
            async count => await counts.GetOrAddAsync($"incidents {filter}", stamp, count));
    }

    public async ValueTask<IncidentDetail?> Incident(long id) => await analytics.Incidents.GetAsync(id);

    public async ValueTask<List<ImpactGroup>> ImpactSummary(DateOnly? dtFrom, DateOnly? dtTo, ImpactGroupBy groupBy)
    {
        if (groupBy == ImpactGroupBy.SalesOrg)
            return await _incidents.SummaryAsync(dtFrom, dtTo, "sales_org");
        if (groupBy == ImpactGroupBy.Reason)
            return [.. (await _incidents.SummaryAsync(dtFrom, dtTo, "reason")).Select(g => g with { Key = ReasonNames.Of((AnomalyReasons)int.Parse(g.Key, CultureInfo.InvariantCulture)) })];
        // the analytics DB has no material master: sums by SKU, then by the SKUs' groups
        var bySku = await _incidents.SummaryAsync(dtFrom, dtTo, "sku");
        var groups = await source.ReadMaterialsAsync().ToDictionaryAsync(m => m.Sku, m => m.MaterialGroup);
        return [.. bySku.GroupBy(g => groups.GetValueOrDefault(g.Key) ?? "")
            .Select(g => new ImpactGroup(g.Key, g.Sum(x => x.Incidents), g.Sum(x => x.OpenIncidents), g.Sum(x => x.ImpactReporting)))
            .OrderByDescending(g => g.ImpactReporting)];
    }

    /// <summary>The thresholds each SKU's grain applies; the material master is read only when some group overrides them.</summary>
    private async Task<Dictionary<string, RuleThresholds>> ThresholdsAsync(List<string> skus)
    {
        var book = await rules.GetAsync();
        if (book.Groups.Count == 0 || skus.Count == 0)
            return skus.ToDictionary(sku => sku, _ => book.Global);
        var groups = await source.ReadMaterialsAsync(skus).ToDictionaryAsync(m => m.Sku, m => m.MaterialGroup);
        return skus.ToDictionary(sku => sku, sku => book.For(groups.GetValueOrDefault(sku)));
    }

    public async ValueTask<List<ReasonCount>> ReasonCounts(DateOnly? dtFrom, DateOnly? dtTo) =>
        await counts.GetOrAddAsync($"reasons {dtFrom} {dtTo}", await analytics.Jobs.RunsEndedStampAsync(), () => _anomalies.ReasonCountsAsync(dtFrom, dtTo));

    public async ValueTask<SkuDetail?> SkuDetail(string sku, int days)
    {
        if (await source.ReadMaterialAsync(sku) is not { } material)
            return null;
        var points = await _anomalies.SkuPointsAsync(sku, days);
        // the snapshots behind the points' competitor features: from 6 days before the first point to the last one
        List<CompetitorRow> competitors = [];
        if (points.Count > 0)
        {
            var last = points.Max(p => p.Dt);
            competitors = await source.ReadCompetitorPricesAsync([sku], points.Min(p => p.Dt).AddDays(-6)).Where(c => c.Dt <= last).ToListAsync();
        }
        return new SkuDetail(material, points, competitors, (await rules.GetAsync()).For(material.MaterialGroup));
    }

    public async ValueTask<List<JobRun>> Jobs(int first) => await analytics.Jobs.ListAsync(first);

    public async ValueTask<JobRun?> Job(long id) => await analytics.Jobs.GetAsync(id);

    public async ValueTask<List<RejectedRow>> RejectedRows(string? table, string? sku, long? jobId, string? reason, int first, int offset) =>
        await analytics.Rejected.ReadAsync(table, sku, jobId, reason, first, offset);

    public async ValueTask<List<ModelVersion>> ModelVersions() => await analytics.Models.ListAsync();

    public async ValueTask<RuleBook> RuleBook() => await rules.ReadNowAsync();

    public async ValueTask<List<HealthCheck>> Health() =>
        [.. await Task.WhenAll(CheckAsync("source_db", source.Database), CheckAsync("analytics_db", analytics.Database))];

    private static async Task<HealthCheck> CheckAsync(string name, SqlDatabase database)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await database.ScalarAsync<long>("SELECT 1", ct: timeout.Token);
            return new HealthCheck(name, true, null);
        }
        catch (Exception e)
        {
            return new HealthCheck(name, false, e.Message);
        }
    }
}
