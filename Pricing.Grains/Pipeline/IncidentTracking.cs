using Pricing.Incidents;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Pipeline;

/// <summary>
/// Keeps the incidents equal to the episodes of the stored anomaly rows as batches write (docs/architecture.md,
/// Incidents). A night that only appends days to a series continues its latest incidents with the new rows alone; a
/// late row or a correction derives again the window it can alter (<see cref="IncidentWindow"/>), reading the rows
/// there; a FULL batch derives every series of its SKUs from the rows it wrote. Either way the episodes are matched to
/// the stored incidents for their ids. Idempotent, like the batch.
/// </summary>
public sealed class IncidentTracking(AnalyticsStore analytics, PipelineOptions options)
{
    private int Gap => options.IncidentGapDays;

    /// <summary>Derives every incident of these SKUs from all their rows: <paramref name="rows"/>, or the stored ones when null.</summary>
    public async Task DeriveAllAsync(IReadOnlyCollection<string> skus, IEnumerable<FeatureRow>? rows = null, CancellationToken ct = default)
    {
        var known = await analytics.Incidents.ReadKnownAsync(skus, ct: ct);
        var bySeries = (rows ?? await analytics.Incidents.ReadAnomalyRowsAsync(skus, ct)).Where(r => r.Reasons != AnomalyReasons.None).ToLookup(Series);
        var plans = bySeries.Select(g => g.Key).Concat(known.Keys).Distinct()
            .Select(series => (series, IncidentPlan.For(known.GetValueOrDefault(series) ?? [], Episodes.Of(bySeries[series], Gap)))).ToList();
        await analytics.Incidents.ApplyAsync(plans, ct);
    }

    /// <summary>Derives what a batch's written and deleted rows can alter.</summary>
    public async Task UpdateAsync(IReadOnlyCollection<string> skus, IReadOnlyCollection<FeatureRow> upserts, IEnumerable<FeatureKey> deletes, CancellationToken ct = default)
    {
        var changed = Changes(upserts, deletes);
        if (changed.Count == 0)
            return;
        // Incidents that end more than GapDays before the earliest change can neither take a changed row nor stop the
        // append path below; those of a series that needs its window derived are read in full there.
        var known = await analytics.Incidents.ReadKnownAsync(skus, changed.Values.Min(c => c.From).AddDays(-Gap), ct);
        var upsertsBySeries = upserts.ToLookup(Series);
        var plans = new List<(SeriesKey, IncidentPlan)>();
        var rederived = new List<(SeriesKey Series, DateOnly From, DateOnly To)>();
        foreach (var (series, change) in changed)
        {
            var live = (known.GetValueOrDefault(series) ?? []).Where(k => !k.Withdrawn).ToList();
            // a change that is no anomaly and lies more than GapDays from every incident alters none: every anomaly
            // row already belongs to an incident
            if (!change.Anomaly && !live.Any(k => k.Episode.Overlap(change.From.AddDays(-Gap), change.To.AddDays(Gap)) > 0))
                continue;
            if (live.All(k => k.Episode.LastDt < change.From))
            {
                // only days after every incident changed: they held no anomaly row before, so the latest incidents
                // go on with the new rows (or new ones begin), and nothing before them needs reading
                var latest = live.Where(k => k.Episode.LastDt >= change.From.AddDays(-Gap)).ToList();
                plans.Add((series, IncidentPlan.For(latest, Episodes.Continue([.. latest.Select(k => k.Episode)], upsertsBySeries[series], Gap))));
                continue;
            }
            rederived.Add((series, change.From, change.To));
        }
        if (rederived.Count > 0)
        {
            // a window widens along the series' incidents as far as they reach: every one of them counts
            var all = await analytics.Incidents.ReadKnownAsync([.. rederived.Select(w => w.Series.Sku).Distinct()], ct: ct);
            var windows = rederived.ConvertAll(c =>
            {
                var (from, to) = IncidentWindow.Of(c.From, c.To, all.GetValueOrDefault(c.Series) ?? [], Gap);
                return (c.Series, From: from, To: to);
            });
            var rowsBySeries = (await analytics.Incidents.ReadAnomalyRowsAsync(windows, ct)).ToLookup(Series);
            foreach (var (series, from, to) in windows)
            {
                var inWindow = (all.GetValueOrDefault(series) ?? []).Where(k => k.Episode.Overlap(from, to) > 0).ToList();
                plans.Add((series, IncidentPlan.For(inWindow, Episodes.Of(rowsBySeries[series], Gap))));
            }
        }
        await analytics.Incidents.ApplyAsync(plans, ct);
    }

    /// <summary>Per series, the span of its changed days and whether a written row is an anomaly.</summary>
    private static Dictionary<SeriesKey, (DateOnly From, DateOnly To, bool Anomaly)> Changes(IEnumerable<FeatureRow> upserts, IEnumerable<FeatureKey> deletes)
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
        return changed;
    }

    private static SeriesKey Series(FeatureRow row) => new(row.Sku, row.SalesOrg, row.CustomerId);
}
