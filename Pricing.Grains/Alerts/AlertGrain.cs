using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Alerts;

/// <summary>
/// Queues each subscription's messages for the incident changes of finished runs into the outbox, then sends what is
/// due, retrying failures with a growing wait until <see cref="AlertOptions.MaxAttempts"/> (docs/architecture.md,
/// Alerts). Its reminder repeats both every minute: a silo that dies mid-way leaves queued deliveries to the next
/// activation, and a delivery another sender holds is left alone until its lease ends.
/// </summary>
public sealed class AlertGrain(AnalyticsStore analytics, SourceStore source, AlertSender sender, AlertOptions options, TimeProvider clock,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain, IRemindable
{
    public const string Reminder = "alerts";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await base.OnActivateAsync(ct);
    }

    public async ValueTask AfterRun()
    {
        await QueueAsync();
        await DeliverDueAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AfterRun().AsTask();

    public async ValueTask<long?> SendTest(long subscriptionId)
    {
        if (await analytics.Alerts.GetAsync(subscriptionId) is not { Subscription: var subscription })
            return null;
        var message = new AlertMessage(subscription.Name, subscription.Mode, [], 0, 0, options.ReportingCurrency, Test: true);
        var id = await analytics.Alerts.EnqueueTestAsync(subscriptionId, subscription.Channel, $"{subscriptionId}:test:{Guid.NewGuid():N}",
            JsonSerializer.Serialize(message));
        await DeliverAsync(id);
        return id;
    }

    private async Task QueueAsync()
    {
        if (await analytics.Alerts.LastRunFinishedAsync() is not { } upTo)
            return;
        foreach (var (subscription, notifiedUntil) in await analytics.Alerts.ListWithMarksAsync())
        {
            if (notifiedUntil >= upTo)
                continue;
            // a disabled subscription lets the changes pass: enabled again, it hears of what changes from then on
            var changed = subscription.Enabled ? await ChangedAsync(subscription, notifiedUntil, upTo) : [];
            var messages = AlertMessage.For(subscription.Name, subscription.Mode, changed, options.DigestSize, options.ReportingCurrency);
            var deliveries = messages.ConvertAll(m => (
                Key: $"{subscription.Id}:{upTo.Ticks}:{(subscription.Mode == AlertMode.Immediate ? m.Names[0].IncidentId.ToString() : "digest")}",
                Message: JsonSerializer.Serialize(m.Message),
                Incidents: (IReadOnlyList<(long, AlertChange)>)[.. m.Names.Select(i => (i.IncidentId, i.Change))]));
            await analytics.Alerts.EnqueueAsync(subscription.Id, notifiedUntil, upTo, subscription.Channel, deliveries);
        }
    }

    private async Task<List<AlertItem>> ChangedAsync(AlertSubscription subscription, DateTime after, DateTime upTo)
    {
        List<string>? groupSkus = null;
        foreach (var group in subscription.Filter.MaterialGroups)
            (groupSkus ??= []).AddRange(await source.ReadSkusOfGroupAsync(group));
        var candidates = await analytics.Alerts.CandidatesAsync(subscription, groupSkus, after, upTo);
        return candidates.ConvertAll(c => new AlertItem(c.Incident.Id, c.Change, c.Incident.Sku, c.Incident.SalesOrg, c.Incident.CustomerId,
            ReasonNames.Of(c.Incident.Reason), c.Incident.MaxSeverity.Name(), c.Incident.FirstDt,
            c.Incident.LastDt, c.Incident.Days, c.Incident.ImpactReporting, options.IncidentLink(c.Incident.Id)));
    }

    private async Task DeliverDueAsync()
    {
        // a bounded round: what stays due (another sender holds it) waits for the next call or the reminder
        for (var round = 0; round < 20; round++)
        {
            var due = await analytics.Alerts.DueAsync(50);
            foreach (var id in due)
                await DeliverAsync(id);
            if (due.Count < 50)
                return;
        }
    }

    private async Task DeliverAsync(long id)
    {
        if (await analytics.Alerts.ClaimAsync(id, options.Lease) is not { } delivery)
            return;
        try
        {
            if (await analytics.Alerts.GetAsync(delivery.SubscriptionId) is not var (subscription, secret, _))
                throw new AlertDeliveryException("the subscription was deleted");
            var message = JsonSerializer.Deserialize<AlertMessage>(delivery.Message)!;
            await sender.SendAsync(message, delivery.Key, subscription, secret, CancellationToken.None);
            await analytics.Alerts.SentAsync(delivery);
        }
        catch (Exception e) // a refusal, a timeout, a mail server that is down: each is recorded and retried
        {
            var retry = delivery.Attempts >= options.MaxAttempts ? (DateTime?)null : Now + options.RetryAfter(delivery.Attempts);
            logger.LogWarning("Alert delivery {Delivery} of subscription {Subscription} failed (attempt {Attempt}): {Error}; {Next}",
                delivery.Id, delivery.SubscriptionId, delivery.Attempts, e.Message, retry is null ? "given up" : $"retried at {retry:u}");
            await analytics.Alerts.FailedAsync(delivery, e.Message, retry);
        }
    }
}
