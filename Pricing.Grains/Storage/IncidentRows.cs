using System.Data.Common;
using System.Text;
using Pricing.Incidents;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The <c>incidents</c> and <c>incident_events</c> tables as runs maintain them and analysts change them
/// (docs/architecture.md, Incidents). Runs write only what they derive, and a reopening; analysts only status,
/// assignee and comments: each in statements of its own, so neither overwrites the other's columns.
/// </summary>
public sealed class IncidentRows(SqlDatabase database, TimeProvider clock)
{
    /// <summary>The actor of the changes runs make (a reopening).</summary>
    public const string PipelineActor = "pipeline";

    internal const string Columns =
        "id, sku, sales_org, customer_id, reason, first_dt, last_dt, days, max_severity, impact, impact_reporting, status, assignee, has_history";

    private object Now => database.Timestamp(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The incidents of these SKUs, withdrawn ones too, by series; only those whose last day is on or after
    /// <paramref name="endingFrom"/> when given (a night needs the incidents near its days, not all the SKU ever had).
    /// </summary>
    public async Task<Dictionary<SeriesKey, List<KnownIncident>>> ReadKnownAsync(IReadOnlyCollection<string> skus, DateOnly? endingFrom = null,
        CancellationToken ct = default)
    {
        var known = new Dictionary<SeriesKey, List<KnownIncident>>();
        if (skus.Count == 0)
            return known;
        var rows = await database.ListAsync(
            $"SELECT {Columns} FROM incidents WHERE sku IN ({DbCommandExtensions.ListPlaceholders("@s", skus.Count)})" + (endingFrom is null ? "" : " AND last_dt >= @from"),
            c => c.BindList("@s", skus).Bind("@from", endingFrom), ReadIncident, ct);
        foreach (var (incident, hasHistory) in rows)
        {
            var key = new SeriesKey(incident.Sku, incident.SalesOrg, incident.CustomerId);
            if (!known.TryGetValue(key, out var list))
                known[key] = list = [];
            list.Add(new KnownIncident(incident.Id,
                new Episode(incident.Reason, incident.FirstDt, incident.LastDt, incident.Days, incident.MaxSeverity, incident.Impact, incident.ImpactReporting),
                incident.Status, hasHistory || incident.Status != IncidentStatus.Open || incident.Assignee is not null));
        }
        return known;
    }

    /// <summary>The anomaly rows of every series of these SKUs (a FULL run derives them all again).</summary>
    public Task<List<FeatureRow>> ReadAnomalyRowsAsync(IReadOnlyCollection<string> skus, CancellationToken ct = default) =>
        database.ListAsync($"{AnomalySelect} AND sku IN ({DbCommandExtensions.ListPlaceholders("@s", skus.Count)})",
            c => c.BindList("@s", skus), FeatureRows.ReadFeature, ct);

    /// <summary>The anomaly rows of each series in its window, each term a range of the primary key.</summary>
    public async Task<List<FeatureRow>> ReadAnomalyRowsAsync(IReadOnlyList<(SeriesKey Series, DateOnly From, DateOnly To)> windows, CancellationToken ct = default)
    {
        var rows = new List<FeatureRow>();
        foreach (var chunk in windows.Chunk(400))
        {
            var where = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
                where.Append(i == 0 ? "" : " OR ").Append($"(sku = @k{i} AND sales_org = @o{i} AND customer_id = @c{i} AND dt >= @f{i} AND dt <= @t{i})");
            rows.AddRange(await database.ListAsync($"{AnomalySelect} AND ({where})", c =>
            {
                for (var i = 0; i < chunk.Length; i++)
                    c.Bind($"@k{i}", chunk[i].Series.Sku).Bind($"@o{i}", chunk[i].Series.SalesOrg).Bind($"@c{i}", chunk[i].Series.CustomerId)
                        .Bind($"@f{i}", chunk[i].From).Bind($"@t{i}", chunk[i].To);
            }, FeatureRows.ReadFeature, ct));
        }
        return rows;
    }

    // reasons, not is_anomaly: SQLite would take is_anomaly's index and scan every anomaly, not the primary key's ranges
    private const string AnomalySelect = $"{FeatureRows.FeatureSelect} WHERE reasons <> 0";

    /// <summary>Writes the plans of a batch in one transaction; returns how many incidents it opened.</summary>
    public async Task<int> ApplyAsync(IReadOnlyCollection<(SeriesKey Series, IncidentPlan Plan)> plans, CancellationToken ct = default)
    {
        if (plans.All(p => p.Plan.Writes.Count + p.Plan.Withdrawn.Count + p.Plan.Deleted.Count == 0))
            return 0;
        var now = Now;
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        Task<int> Run(string sql, Action<DbCommand> bind) => writer.Connection.ExecuteAsync(transaction, sql, bind, ct);
        var opened = 0;
        foreach (var (series, plan) in plans)
        {
            foreach (var write in plan.Writes)
            {
                var e = write.Episode;
                void Bind(DbCommand c) => c.Bind("@first", e.FirstDt).Bind("@last", e.LastDt).Bind("@days", e.Days).Bind("@sev", (int)e.MaxSeverity)
                    .Bind("@impact", e.Impact).Bind("@reported", e.ImpactReporting).Bind("@rank", e.ImpactReporting ?? 0).Bind("@now", now);
                if (write.Id is not { } id)
                {
                    opened++;
                    await Run("INSERT INTO incidents (sku, sales_org, customer_id, reason, first_dt, last_dt, days, max_severity, impact, impact_reporting, rank_impact, updated_at, notable_at, notable_change) " +
                              "VALUES (@sku, @so, @cust, @reason, @first, @last, @days, @sev, @impact, @reported, @rank, @now, @now, 'NEW')",
                        c => { Bind(c); c.Bind("@sku", series.Sku).Bind("@so", series.SalesOrg).Bind("@cust", series.CustomerId).Bind("@reason", (int)e.Reason); });
                    continue;
                }
                var reopen = write.ReopenedBecause is not null;
                var previous = reopen ? await StatusAsync(writer.Connection, transaction, id, ct) : null;
                await Run("UPDATE incidents SET first_dt = @first, last_dt = @last, days = @days, max_severity = @sev, impact = @impact, " +
                          "impact_reporting = @reported, rank_impact = @rank, updated_at = @now" + (reopen ? ", status = 'OPEN', has_history = 1" : "") +
                          (write.Notable is null ? "" : ", notable_at = @now, notable_change = @notable") + " WHERE id = @id",
                    c => { Bind(c); c.Bind("@id", id).Bind("@notable", write.Notable?.Name()); });
                if (reopen && previous is { } from && from != IncidentStatus.Open)
                    await Run(EventInsert, c => BindEvent(c, id, now, PipelineActor, IncidentEventKind.Reopened, from.Name(), IncidentStatus.Open.Name(), write.ReopenedBecause));
            }
            foreach (var id in plan.Deleted)
                // an analyst may have worked on it since it was read: then it is withdrawn instead
                if (await Run("DELETE FROM incidents WHERE id = @id AND status = 'OPEN' AND assignee IS NULL AND has_history = 0", c => c.Bind("@id", id)) == 0)
                    plan.Withdrawn.Add(id);
            foreach (var id in plan.Withdrawn)
                await Run("UPDATE incidents SET days = 0, impact = 0, impact_reporting = NULL, rank_impact = 0, updated_at = @now WHERE id = @id",
                    c => c.Bind("@id", id).Bind("@now", now));
        }
        await transaction.CommitAsync(ct);
        return opened;
    }

    /// <summary>
    /// Sums the reporting impact again of these SKUs' incidents with a day in [from, until), after their rows were
    /// converted again with changed rates: the sum over the incident's rows with a rate, null when none has one.
    /// </summary>
    public async Task SumReportingAgainAsync(IReadOnlyCollection<string> skus, DateOnly from, DateOnly? until, CancellationToken ct = default)
    {
        var where = $"sku IN ({DbCommandExtensions.ListPlaceholders("@s", skus.Count)}) AND days > 0 AND last_dt >= @from" + (until is null ? "" : " AND first_dt < @until");
        void Bind(DbCommand c) => c.BindList("@s", skus).Bind("@from", from).Bind("@until", until);
        await database.ExecuteAsync(
            "UPDATE incidents SET impact_reporting = (SELECT SUM(f.impact_reporting) FROM features f WHERE f.sku = incidents.sku " +
            "AND f.sales_org = incidents.sales_org AND f.customer_id = incidents.customer_id AND f.dt >= incidents.first_dt AND f.dt <= incidents.last_dt " +
            $"AND f.is_anomaly = 1 AND (f.reasons & incidents.reason) <> 0) WHERE {where}", Bind, ct, 600);
        // a statement of its own: SQLite's SET sees the old impact_reporting, MySQL's the new one
        await database.ExecuteAsync($"UPDATE incidents SET rank_impact = COALESCE(impact_reporting, 0) WHERE {where}", Bind, ct, 600);
    }

    /// <summary>Sets the status (a dismissal carries its note); null when there is no such incident.</summary>
    public Task<bool> SetStatusAsync(long id, IncidentStatus status, string? note, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "status", status.Name(), IncidentEventKind.Status, note, ct);

    /// <summary>Assigns the incident (null: to nobody).</summary>
    public Task<bool> AssignAsync(long id, string? assignee, string actor, CancellationToken ct = default) =>
        ChangeAsync(id, actor, "assignee", assignee, IncidentEventKind.Assignee, null, ct);

    /// <summary>Keeps alerts about the incident back until <paramref name="until"/> (null: no longer snoozed).</summary>
    public async Task<bool> SnoozeAsync(long id, DateTime? until, string actor, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        var marked = await writer.Connection.ExecuteAsync(transaction, "UPDATE incidents SET snoozed_until = @until, has_history = 1 WHERE id = @id AND days > 0",
            c => c.Bind("@until", until is { } u ? database.Timestamp(u) : null).Bind("@id", id), ct);
        if (marked == 0)
            return false;
        await writer.Connection.ExecuteAsync(transaction, EventInsert,
            c => BindEvent(c, id, Now, actor, IncidentEventKind.Snoozed, null, until?.ToString("yyyy-MM-ddTHH:mm:ssZ"), null), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<bool> CommentAsync(long id, string text, string actor, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        var marked = await writer.Connection.ExecuteAsync(transaction, "UPDATE incidents SET has_history = 1 WHERE id = @id AND days > 0", c => c.Bind("@id", id), ct);
        if (marked == 0)
            return false;
        await writer.Connection.ExecuteAsync(transaction, EventInsert, c => BindEvent(c, id, Now, actor, IncidentEventKind.Comment, null, null, text), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<bool> ChangeAsync(long id, string actor, string column, string? value, IncidentEventKind kind, string? note, CancellationToken ct)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        string? before;
        await using (var read = writer.Connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = $"SELECT {column}, days FROM incidents WHERE id = @id{database.ForUpdateSql}";
            read.Bind("@id", id);
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || Convert.ToInt64(reader.GetValue(1)) == 0)
                return false;
            before = reader.GetNullableString(0);
        }
        if (before == value && note is null)
            return true;
        await writer.Connection.ExecuteAsync(transaction, $"UPDATE incidents SET {column} = @value, has_history = 1 WHERE id = @id",
            c => c.Bind("@value", value).Bind("@id", id), ct);
        await writer.Connection.ExecuteAsync(transaction, EventInsert, c => BindEvent(c, id, Now, actor, kind, before, value, note), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A live incident (days &gt; 0) with its history, oldest first; null when there is none.</summary>
    public async Task<IncidentDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        var found = await database.ListAsync($"{IncidentQueries.ListedSelect} WHERE id = @id AND days > 0", c => c.Bind("@id", id), IncidentQueries.ReadListed, ct);
        if (found.Count == 0)
            return null;
        var history = await database.ListAsync(
            "SELECT id, incident_id, at, actor, kind, from_value, to_value, text FROM incident_events WHERE incident_id = @id ORDER BY id",
            c => c.Bind("@id", id),
            r => new IncidentEvent(r.GetInt64(0), r.GetInt64(1), r.GetDateTime(2), r.GetString(3), Enum.Parse<IncidentEventKind>(r.GetString(4), ignoreCase: true),
                r.GetNullableString(5), r.GetNullableString(6), r.GetNullableString(7)), ct);
        return new IncidentDetail(found[0], history);
    }

    /// <summary>The analysts' labels <c>evaluate</c> reads: incidents by reason and status, those still OPEN left out.</summary>
    public Task<List<(AnomalyReasons Reason, IncidentStatus Status, long Count)>> LabelCountsAsync(CancellationToken ct = default) =>
        database.ListAsync("SELECT reason, status, COUNT(*) FROM incidents WHERE days > 0 AND status <> 'OPEN' GROUP BY reason, status", null,
            r => ((AnomalyReasons)r.GetInt32(0), IncidentStatuses.Parse(r.GetString(1))!.Value, Convert.ToInt64(r.GetValue(2))), ct);

    private const string EventInsert =
        "INSERT INTO incident_events (incident_id, at, actor, kind, from_value, to_value, text) VALUES (@id, @at, @actor, @kind, @from, @to, @text)";

    private static void BindEvent(DbCommand c, long id, object at, string actor, IncidentEventKind kind, string? from, string? to, string? text) =>
        c.Bind("@id", id).Bind("@at", at).Bind("@actor", actor).Bind("@kind", kind.ToString().ToUpperInvariant()).Bind("@from", from).Bind("@to", to).Bind("@text", text);

    private async Task<IncidentStatus?> StatusAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT status FROM incidents WHERE id = @id";
        command.Bind("@id", id);
        return IncidentStatuses.Parse(await command.ExecuteScalarAsync(ct) as string);
    }

    internal static (Incident Incident, bool HasHistory) ReadIncident(DbDataReader r) => (new Incident(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (AnomalyReasons)r.GetInt32(4), r.GetDate(5), r.GetDate(6), r.GetInt32(7),
        (Severity)Convert.ToInt32(r.GetValue(8)), r.GetDouble(9), r.GetNullableDouble(10), IncidentStatuses.Parse(r.GetString(11))!.Value,
        r.GetNullableString(12)), Convert.ToInt64(r.GetValue(13)) == 1);
}
