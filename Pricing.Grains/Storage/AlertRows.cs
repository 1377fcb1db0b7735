using System.Data.Common;
using Pricing.Model;

namespace Pricing.Storage;

/// <summary>A change of an incident a subscription has not been told about yet, with what a message says of it.</summary>
public sealed record AlertCandidate(Incident Incident, AlertChange Change);

/// <summary>A queued message of the outbox, as the sender takes it.</summary>
public sealed record QueuedDelivery(long Id, long SubscriptionId, string Key, AlertChannel Channel, string Message, int Attempts);

/// <summary>
/// Subscriptions and the outbox of their deliveries (docs/architecture.md, Alerts). A subscription has queued every
/// incident change up to its <c>notified_until</c>; queuing moves it in the transaction that writes the deliveries,
/// and only when no one else moved it since it was read, so each change is queued once per subscription.
/// </summary>
public sealed class AlertRows(SqlDatabase database, TimeProvider clock)
{
    private const string SubscriptionColumns =
        "id, name, reasons, material_groups, sales_orgs, min_severity, min_impact, channel, target, secret IS NOT NULL, mode, enabled, failing, created_by, notified_until";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<List<AlertSubscription>> ListAsync(CancellationToken ct = default) =>
        (await ListWithMarksAsync(ct)).ConvertAll(s => s.Subscription);

    /// <summary>Every subscription with how far it has queued.</summary>
    public Task<List<(AlertSubscription Subscription, DateTime NotifiedUntil)>> ListWithMarksAsync(CancellationToken ct = default) =>
        database.ListAsync($"SELECT {SubscriptionColumns} FROM alert_subscriptions ORDER BY name, id", null, ReadSubscription, ct);

    /// <summary>The subscription with its secret and how far it has queued; null when there is none.</summary>
    public async Task<(AlertSubscription Subscription, string? Secret, DateTime NotifiedUntil)?> GetAsync(long id, CancellationToken ct = default)
    {
        var found = await database.ListAsync($"SELECT {SubscriptionColumns}, secret FROM alert_subscriptions WHERE id = @id", c => c.Bind("@id", id),
            r => (ReadSubscription(r), r.GetNullableString(15)), ct);
        return found.Count == 0 ? null : (found[0].Item1.Subscription, found[0].Item2, found[0].Item1.NotifiedUntil);
    }

    /// <summary>A new subscription hears of the incident changes from now on, not of everything open before it.</summary>
    public async Task<long> CreateAsync(AlertSubscriptionInput input, string createdBy, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var command = writer.Connection.CreateCommand();
        command.CommandText = "INSERT INTO alert_subscriptions (name, reasons, material_groups, sales_orgs, min_severity, min_impact, channel, target, secret, " +
                              "mode, enabled, created_by, created_at, notified_until) VALUES (@name, @reasons, @groups, @orgs, @sev, @impact, @channel, @target, " +
                              "@secret, @mode, @enabled, @by, @now, @now); " + database.LastInsertIdSql;
        BindInput(command, input).Bind("@secret", input.Secret).Bind("@by", createdBy).Bind("@now", database.Timestamp(Now));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    /// <summary>Changes what the subscription wants; a null secret keeps the stored one. False when there is no such subscription.</summary>
    public async Task<bool> UpdateAsync(long id, AlertSubscriptionInput input, CancellationToken ct = default) =>
        await database.ExecuteAsync("UPDATE alert_subscriptions SET name = @name, reasons = @reasons, material_groups = @groups, sales_orgs = @orgs, " +
            "min_severity = @sev, min_impact = @impact, channel = @channel, target = @target, mode = @mode, enabled = @enabled" +
            (input.Secret is null ? "" : ", secret = @secret") + " WHERE id = @id",
            c => BindInput(c, input).Bind("@secret", input.Secret).Bind("@id", id), ct) > 0;

    /// <summary>Deletes the subscription; its deliveries stay as a record, the queued ones are not sent.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        var deleted = await database.ExecuteAsync("DELETE FROM alert_subscriptions WHERE id = @id", c => c.Bind("@id", id), ct) > 0;
        if (deleted)
            await database.ExecuteAsync("UPDATE alert_deliveries SET status = 'FAILED', error = 'the subscription was deleted' WHERE subscription_id = @id AND status = 'PENDING'",
                c => c.Bind("@id", id), ct);
        return deleted;
    }

    /// <summary>
    /// The incidents matching the subscription's filters that became new, reopened or escalated in (after, upTo] and
    /// are neither closed (resolved, dismissed) nor snoozed now.
    /// </summary>
    public Task<List<AlertCandidate>> CandidatesAsync(AlertSubscription subscription, IReadOnlyCollection<string>? groupSkus, DateTime after, DateTime upTo,
        CancellationToken ct = default)
    {
        var where = new WhereClause("days > 0 AND status IN ('OPEN', 'ACKNOWLEDGED') AND notable_at > @after AND notable_at <= @upTo AND (snoozed_until IS NULL OR snoozed_until <= @now)");
        var filter = subscription.Filter;
        if (filter.ReasonSet != AnomalyReasons.None) where.Add("(reason & @reasons) <> 0", "@reasons", (int)filter.ReasonSet);
        if (filter.SalesOrgs.Count > 0) where.AddIn("sales_org", "@so", filter.SalesOrgs);
        where.AddSeries(null, null, null, null, groupSkus);
        if (filter.MinSeverity is { } severity) where.Add("max_severity >= @minsev", "@minsev", (int)severity);
        if (filter.MinImpact is { } impact) where.Add("rank_impact >= @minimpact", "@minimpact", impact);
        return database.ListAsync($"SELECT {IncidentRows.Columns}, notable_change FROM incidents WHERE {where} ORDER BY id",
            c => c.BindAll(where.Binds).Bind("@after", database.Timestamp(after)).Bind("@upTo", database.Timestamp(upTo)).Bind("@now", database.Timestamp(Now)),
            r => new AlertCandidate(IncidentRows.ReadIncident(r).Incident, AlertNames.Parse<AlertChange>(r.GetString(14))), ct);
    }

    /// <summary>
    /// Queues the deliveries of the changes up to <paramref name="upTo"/> and moves the subscription there, in one
    /// transaction; nothing when the subscription moved from <paramref name="notifiedUntil"/> meanwhile (false).
    /// </summary>
    public async Task<bool> EnqueueAsync(long subscriptionId, DateTime notifiedUntil, DateTime upTo, AlertChannel channel,
        IReadOnlyList<(string Key, string Message, IReadOnlyList<(long IncidentId, AlertChange Change)> Incidents)> deliveries, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        var moved = await writer.Connection.ExecuteAsync(transaction,
            "UPDATE alert_subscriptions SET notified_until = @upTo WHERE id = @id AND notified_until = @until",
            c => c.Bind("@upTo", database.Timestamp(upTo)).Bind("@id", subscriptionId).Bind("@until", database.Timestamp(notifiedUntil)), ct);
        if (moved == 0)
            return false;
        foreach (var (key, message, incidents) in deliveries)
        {
            var id = await InsertDeliveryAsync(writer.Connection, transaction, subscriptionId, key, channel, message, test: false, ct);
            foreach (var (incidentId, change) in incidents)
                await writer.Connection.ExecuteAsync(transaction, "INSERT INTO alert_delivery_incidents (delivery_id, incident_id, kind) VALUES (@d, @i, @k)",
                    c => c.Bind("@d", id).Bind("@i", incidentId).Bind("@k", change.Name()), ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Queues a test message of the subscription; returns the delivery's id.</summary>
    public async Task<long> EnqueueTestAsync(long subscriptionId, AlertChannel channel, string key, string message, CancellationToken ct = default)
    {
        await using var writer = await database.OpenWriterAsync(ct);
        await using var transaction = await writer.Connection.BeginTransactionAsync(ct);
        var id = await InsertDeliveryAsync(writer.Connection, transaction, subscriptionId, key, channel, message, test: true, ct);
        await transaction.CommitAsync(ct);
        return id;
    }

    /// <summary>Queued deliveries whose time has come and that no sender holds, oldest first.</summary>
    public Task<List<long>> DueAsync(int limit, CancellationToken ct = default) =>
        database.ListAsync("SELECT id FROM alert_deliveries WHERE status = 'PENDING' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now) " +
                           "ORDER BY next_attempt_at, id LIMIT @limit",
            c => c.Bind("@now", database.Timestamp(Now)).Bind("@limit", limit), r => r.GetInt64(0), ct);

    /// <summary>
    /// Takes a due delivery for one try, held for <paramref name="lease"/> (a sender that dies leaves it to the next
    /// after that); null when another sender took it, it was sent, or its time has not come.
    /// </summary>
    public async Task<QueuedDelivery?> ClaimAsync(long id, TimeSpan lease, CancellationToken ct = default)
    {
        var now = Now;
        var claimed = await database.ExecuteAsync("UPDATE alert_deliveries SET lease_until = @lease, attempts = attempts + 1 " +
            "WHERE id = @id AND status = 'PENDING' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)",
            c => c.Bind("@lease", database.Timestamp(now + lease)).Bind("@id", id).Bind("@now", database.Timestamp(now)), ct);
        if (claimed == 0)
            return null;
        var found = await database.ListAsync("SELECT id, subscription_id, idempotency_key, channel, message, attempts FROM alert_deliveries WHERE id = @id",
            c => c.Bind("@id", id), r => new QueuedDelivery(r.GetInt64(0), r.GetInt64(1), r.GetString(2), AlertNames.Parse<AlertChannel>(r.GetString(3)),
                r.GetString(4), r.GetInt32(5)), ct);
        return found.SingleOrDefault();
    }

    // Both only while the delivery is pending, and a failure only from the try that holds it: a sender whose lease ran
    // out (it hung, its silo died) and that comes back after another took the delivery changes nothing.

    /// <summary>The delivery was sent: recorded (with the error of an earlier try, if any), and its subscription no longer failing.</summary>
    public async Task SentAsync(QueuedDelivery delivery, CancellationToken ct = default)
    {
        await database.ExecuteAsync("UPDATE alert_deliveries SET status = 'SENT', sent_at = @now, lease_until = NULL WHERE id = @id AND status = 'PENDING'",
            c => c.Bind("@now", database.Timestamp(Now)).Bind("@id", delivery.Id), ct);
        await database.ExecuteAsync("UPDATE alert_subscriptions SET failing = 0 WHERE id = @id", c => c.Bind("@id", delivery.SubscriptionId), ct);
    }

    /// <summary>A try failed: tried again at <paramref name="retryAt"/>, or given up (null) and its subscription marked failing.</summary>
    public async Task FailedAsync(QueuedDelivery delivery, string error, DateTime? retryAt, CancellationToken ct = default)
    {
        var message = error.Length > 2000 ? error[..2000] : error;
        await database.ExecuteAsync(
            "UPDATE alert_deliveries SET error = @error, lease_until = NULL" + (retryAt is null ? ", status = 'FAILED'" : ", next_attempt_at = @retry") + " WHERE id = @id AND status = 'PENDING' AND attempts = @attempts",
            c => c.Bind("@error", message).Bind("@retry", retryAt is { } r ? database.Timestamp(r) : null).Bind("@id", delivery.Id).Bind("@attempts", delivery.Attempts), ct);
        if (retryAt is null)
            await database.ExecuteAsync("UPDATE alert_subscriptions SET failing = 1 WHERE id = @id", c => c.Bind("@id", delivery.SubscriptionId), ct);
    }

    /// <summary>The newest deliveries first, of one subscription or all, of one status or all.</summary>
    public async Task<List<AlertDelivery>> DeliveriesAsync(long? subscriptionId, AlertDeliveryStatus? status, int first, CancellationToken ct = default)
    {
        var where = new WhereClause("1 = 1");
        if (subscriptionId is { } id) where.Add("d.subscription_id = @sub", "@sub", id);
        if (status is { } s) where.Add("d.status = @status", "@status", s.Name());
        var deliveries = await database.ListAsync(
            "SELECT d.id, d.subscription_id, COALESCE(s.name, '(deleted)'), d.channel, d.attempts, d.status, d.error, d.created_at, d.sent_at, d.test " +
            $"FROM alert_deliveries d LEFT JOIN alert_subscriptions s ON s.id = d.subscription_id WHERE {where} ORDER BY d.id DESC LIMIT @first",
            c => c.BindAll(where.Binds).Bind("@first", first),
            r => new AlertDelivery(r.GetInt64(0), r.GetInt64(1), r.GetString(2), AlertNames.Parse<AlertChannel>(r.GetString(3)), [], r.GetInt32(4),
                AlertNames.Parse<AlertDeliveryStatus>(r.GetString(5)), r.GetNullableString(6), r.GetDateTime(7), r.GetNullableDateTime(8),
                Convert.ToInt64(r.GetValue(9)) == 1), ct);
        if (deliveries.Count == 0)
            return deliveries;
        var incidents = (await database.ListAsync(
                $"SELECT delivery_id, incident_id FROM alert_delivery_incidents WHERE delivery_id IN ({DbCommandExtensions.ListPlaceholders("@d", deliveries.Count)}) ORDER BY incident_id",
                c => { for (var i = 0; i < deliveries.Count; i++) c.Bind("@d" + i, deliveries[i].Id); }, r => (Delivery: r.GetInt64(0), Incident: r.GetInt64(1)), ct))
            .ToLookup(x => x.Delivery, x => x.Incident);
        return deliveries.ConvertAll(d => d with { IncidentIds = [.. incidents[d.Id]] });
    }

    /// <summary>When the newest run that succeeded finished: a message names only what finished runs changed.</summary>
    public Task<DateTime?> LastRunFinishedAsync(CancellationToken ct = default) =>
        database.ScalarAsync<DateTime?>("SELECT MAX(finished_at) FROM job_runs WHERE status = 'SUCCEEDED'", null, ct);

    private async Task<long> InsertDeliveryAsync(DbConnection connection, DbTransaction transaction, long subscriptionId, string key, AlertChannel channel,
        string message, bool test, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO alert_deliveries (subscription_id, idempotency_key, channel, message, status, next_attempt_at, created_at, test) " +
                              "VALUES (@sub, @key, @channel, @message, 'PENDING', @now, @now, @test); " + database.LastInsertIdSql;
        command.Bind("@sub", subscriptionId).Bind("@key", key).Bind("@channel", channel.Name()).Bind("@message", message)
            .Bind("@now", database.Timestamp(Now)).Bind("@test", test ? 1 : 0);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    private static DbCommand BindInput(DbCommand c, AlertSubscriptionInput input) =>
        c.Bind("@name", input.Name).Bind("@reasons", (int)input.Filter.ReasonSet)
            .Bind("@groups", string.Join(",", input.Filter.MaterialGroups)).Bind("@orgs", string.Join(",", input.Filter.SalesOrgs))
            .Bind("@sev", input.Filter.MinSeverity is { } s ? (int)s : null).Bind("@impact", input.Filter.MinImpact)
            .Bind("@channel", input.Channel.Name()).Bind("@target", input.Target).Bind("@mode", input.Mode.Name()).Bind("@enabled", input.Enabled ? 1 : 0);

    private static (AlertSubscription Subscription, DateTime NotifiedUntil) ReadSubscription(DbDataReader r)
    {
        var reasons = (AnomalyReasons)r.GetInt32(2);
        var filter = new AlertFilter
        {
            Reasons = [.. Enum.GetValues<AnomalyReasons>().Where(x => x != AnomalyReasons.None && reasons.HasFlag(x))],
            MaterialGroups = Split(r.GetString(3)),
            SalesOrgs = Split(r.GetString(4)),
            MinSeverity = r.GetNullableInt32(5) is { } s ? (Severity)s : null,
            MinImpact = r.GetNullableDouble(6),
        };
        return (new AlertSubscription(r.GetInt64(0), r.GetString(1), filter, AlertNames.Parse<AlertChannel>(r.GetString(7)), r.GetString(8),
            Convert.ToInt64(r.GetValue(9)) == 1, AlertNames.Parse<AlertMode>(r.GetString(10)), Convert.ToInt64(r.GetValue(11)) == 1,
            Convert.ToInt64(r.GetValue(12)) == 1, r.GetString(13)), r.GetDateTime(14));

        static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }
}
