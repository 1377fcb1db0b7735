using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The analysts' reads of incidents: pages by keyset in one of three orders, and money at stake by group. Incidents
/// without rows (days = 0) are never listed. Every filter is a bound parameter.
/// </summary>
public sealed class IncidentQueries(SqlDatabase database)
{
    /// <summary>1 when the incident's last day is its series' newest (a primary-key lookup per incident), else 0.</summary>
    internal const string OngoingSql =
        "CASE WHEN last_dt = (SELECT MAX(f.dt) FROM features f WHERE f.sku = incidents.sku AND f.sales_org = incidents.sales_org " +
        "AND f.customer_id = incidents.customer_id) THEN 1 ELSE 0 END";

    /// <summary>An incident as listed: its columns and whether it is ongoing, read by <see cref="ReadListed"/>.</summary>
    internal const string ListedSelect = $"SELECT {IncidentRows.Columns}, {OngoingSql} FROM incidents";

    internal static Incident ReadListed(System.Data.Common.DbDataReader r) =>
        IncidentRows.ReadIncident(r).Incident with { Ongoing = Convert.ToInt64(r.GetValue(14)) == 1 };

    /// <param name="groupSkus">The SKUs of the filter's material group; null: no group filter.</param>
    /// <param name="total">Counts the filter's incidents (given, so that the caller can cache it).</param>
    public async Task<IncidentPage> PageAsync(IncidentFilter filter, IReadOnlyCollection<string>? groupSkus, IncidentOrder order, int first,
        IncidentPosition? after, Func<Func<Task<long>>, Task<long>>? total = null, CancellationToken ct = default)
    {
        var where = Where("days > 0", filter, groupSkus);
        var countSql = $"SELECT COUNT(*) FROM incidents WHERE {where}";
        var countBinds = where.Binds.ToList();
        Task<long> Count() => database.ScalarAsync<long>(countSql, c => c.BindAll(countBinds), ct);
        var totalCount = total is null ? Count() : total(Count);

        var column = SortColumn(order);
        if (after is not null)
        {
            where.Add($"({column} < @cv OR ({column} = @cv AND id > @cid))");
            where.Binds.Add(("@cv", order == IncidentOrder.Newest ? DateOnly.FromDayNumber((int)after.SortValue) : after.SortValue));
            where.Binds.Add(("@cid", after.Id));
        }
        var binds = where.Binds.Append(("@limit", first + 1));
        var rows = await database.ListAsync(
            $"{ListedSelect} WHERE {where} ORDER BY {column} DESC, id LIMIT @limit", c => c.BindAll(binds), ReadListed, ct);
        var hasNext = rows.Count > first;
        if (hasNext)
            rows.RemoveAt(rows.Count - 1);
        return new IncidentPage(rows, await totalCount, hasNext);
    }

    /// <summary>
    /// The newest change analysts (or a reopening) made, each of which writes an event: with the stamp of the runs
    /// ended, what a kept count of incidents is checked against, so that it is taken again after any change.
    /// </summary>
    public async Task<string> ChangeStampAsync(CancellationToken ct = default) =>
        $"{await database.ScalarAsync<long?>("SELECT MAX(id) FROM incident_events", ct: ct)}";

    private static string SortColumn(IncidentOrder order) => order switch
    {
        IncidentOrder.SeverityDesc => "max_severity",
        IncidentOrder.Newest => "last_dt",
        _ => "rank_impact",
    };

    /// <summary>
    /// Money at stake in the reporting currency by sales org, reason or SKU (which the caller turns into material
    /// groups), largest first: the incidents not dismissed with a day in [from, to], and the impact of their rows in
    /// that period. By reason these are the incidents' sums (a row with two reasons counts for both); otherwise each
    /// anomaly row counts once, however many of its reasons' incidents it belongs to.
    /// </summary>
    public async Task<List<ImpactGroup>> SummaryAsync(DateOnly? from, DateOnly? to, string groupColumn, CancellationToken ct = default)
    {
        var where = Where("days > 0 AND status <> 'DISMISSED'", new IncidentFilter { DtFrom = from, DtTo = to }, null);
        var byReason = groupColumn == "reason";
        var counts = await database.ListAsync(
            $"SELECT {groupColumn}, COUNT(*), SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END), SUM(rank_impact) FROM incidents WHERE {where} GROUP BY {groupColumn}",
            c => c.BindAll(where.Binds),
            r => new ImpactGroup(Key(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)), Convert.ToInt64(r.GetValue(2)), r.IsDBNull(3) ? 0 : r.GetDouble(3)), ct);
        if (!byReason)
        {
            var money = await database.ListAsync(
                $"SELECT f.{groupColumn}, SUM(COALESCE(f.impact_reporting, 0)) FROM features f WHERE f.is_anomaly = 1" +
                (from is null ? "" : " AND f.dt >= @from") + (to is null ? "" : " AND f.dt <= @to") +
                " AND EXISTS (SELECT 1 FROM incidents i WHERE i.sku = f.sku AND i.sales_org = f.sales_org AND i.customer_id = f.customer_id " +
                "AND i.days > 0 AND i.status <> 'DISMISSED' AND i.first_dt <= f.dt AND i.last_dt >= f.dt AND (f.reasons & i.reason) <> 0) " +
                $"GROUP BY f.{groupColumn}",
                c => c.Bind("@from", from).Bind("@to", to), r => (Key: Key(r.GetValue(0)), Impact: r.IsDBNull(1) ? 0 : r.GetDouble(1)), ct);
            var byKey = money.ToDictionary(m => m.Key, m => m.Impact);
            counts = counts.ConvertAll(g => g with { ImpactReporting = byKey.GetValueOrDefault(g.Key) });
        }
        return [.. counts.OrderByDescending(g => g.ImpactReporting).ThenBy(g => g.Key, StringComparer.Ordinal)];
    }

    private static string Key(object value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;

    private static WhereClause Where(string first, IncidentFilter filter, IReadOnlyCollection<string>? groupSkus)
    {
        var where = new WhereClause(first);
        if (filter.Status is { } status) where.Add("status = @status", "@status", status.Name());
        if (filter.Reason is { } reason) where.Add("reason = @reason", "@reason", (int)reason);
        where.AddSeries(filter.Sku, filter.SkuPrefix, filter.SalesOrg, filter.CustomerId, groupSkus);
        if (filter.MinSeverity is { } severity) where.Add("max_severity >= @sev", "@sev", (int)severity);
        if (filter.MinImpact is { } impact) where.Add("rank_impact >= @impact", "@impact", impact);
        if (filter.Ongoing is { } ongoing) where.Add($"({OngoingSql}) = @ongoing", "@ongoing", ongoing ? 1 : 0);
        if (filter.DtFrom is { } from) where.Add("last_dt >= @from", "@from", from);
        if (filter.DtTo is { } to) where.Add("first_dt <= @to", "@to", to);
        if (filter.Assignee is { } assignee) where.Add("assignee = @assignee", "@assignee", assignee);
        return where;
    }
}
