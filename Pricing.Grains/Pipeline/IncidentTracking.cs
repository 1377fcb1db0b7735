using Pricing.Incidents;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Pipeline;

/// <summary>
/// Derives again, once a batch's rows are written, the incidents its changes can alter (docs/architecture.md,
/// Incidents): for each series with a changed row that is an anomaly or lies near one of its incidents, the episodes
/// of its window (<see cref="IncidentWindow"/>), matched to the stored incidents for their ids. A night so reads and
/// writes only the incidents it touched; a FULL batch derives every series of its SKUs. Idempotent, like the batch.
/// </summary>
public sealed class IncidentTracking(AnalyticsStore analytics, PipelineOptions options)
{
    /// <returns>How many incidents the batch opened.</returns>
    public async Task<int> UpdateAsync(IReadOnlyCollection<string> skus, IReadOnlyCollection<FeatureRow> upserts, IEnumerable<FeatureKey> deletes, bool full,
        CancellationToken ct = default)
    {
        var gap = options.IncidentGapDays;
        var known = await analytics.Incidents.ReadKnownAsync(skus, ct);
        List<(SeriesKey Series, DateOnly From, DateOnly To)> windows;
        List<FeatureRow> rows;
        if (full)
        {
            rows = await analytics.Incidents.ReadAnomalyRowsAsync(skus, ct);
            windows = [.. rows.Select(Series).Concat(known.Keys).Distinct().Select(s => (s, DateOnly.MinValue, DateOnly.MaxValue))];
        }
        else
        {
            windows = Windows(upserts, deletes, known, gap);
            rows = windows.Count == 0 ? [] : await analytics.Incidents.ReadAnomalyRowsAsync(windows, ct);
        }
        var rowsBySeries = rows.ToLookup(Series);
        var plans = new List<(SeriesKey, IncidentPlan)>(windows.Count);
        foreach (var (series, from, to) in windows)
        {
            var inWindow = (known.GetValueOrDefault(series) ?? []).Where(k => k.Episode.Overlap(from, to) > 0).ToList();
            plans.Add((series, IncidentPlan.For(inWindow, Episodes.Of(rowsBySeries[series], gap))));
        }
        return await analytics.Incidents.ApplyAsync(plans, ct);
    }

    /// <summary>
    /// The window of each series whose changes can alter its incidents. A change that is no anomaly and lies more than
    /// GapDays from every incident of its series alters none: every anomaly row already belongs to an incident.
    /// </summary>
    private static List<(SeriesKey, DateOnly, DateOnly)> Windows(IEnumerable<FeatureRow> upserts, IEnumerable<FeatureKey> deletes,
        Dictionary<SeriesKey, List<KnownIncident>> known, int gap)
    {
        var changed = new Dictionary<SeriesKey, (DateOnly From, DateOnly To, bool Anomaly)>();
        void Add(SeriesKey series, DateOnly dt, bool anomaly) =>
            changed[series] = changed.TryGetValue(series, out var c)
                ? (dt < c.From ? dt : c.From, dt > c.To ? dt : c.To, c.Anomaly || anomaly)
                : (dt, dt, anomaly);
        foreach (var row in upserts)
            Add(Series(row), row.Dt, row.Reasons != AnomalyReasons.None);
        foreach (var key in deletes)
            Add(new SeriesKey(key.Sku, key.SalesOrg, key.CustomerId), key.Dt, false);

        var windows = new List<(SeriesKey, DateOnly, DateOnly)>();
        foreach (var (series, (from, to, anomaly)) in changed)
        {
            var incidents = known.GetValueOrDefault(series) ?? [];
            if (!anomaly && !incidents.Any(k => !k.Withdrawn && k.Episode.Overlap(from.AddDays(-gap), to.AddDays(gap)) > 0))
                continue;
            var (windowFrom, windowTo) = IncidentWindow.Of(from, to, incidents, gap);
            windows.Add((series, windowFrom, windowTo));
        }
        return windows;
    }

    private static SeriesKey Series(FeatureRow row) => new(row.Sku, row.SalesOrg, row.CustomerId);
}
