using Orleans.Concurrency;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Alerts;

/// <summary>Subscriptions as pricing managers change them, apart from the alert grain so a slow receiver never holds them up.</summary>
[StatelessWorker(maxLocalWorkers: 2), Reentrant]
public sealed class AlertSubscriptionsGrain(AnalyticsStore analytics) : Grain, IAlertSubscriptionsGrain
{
    public async ValueTask<List<AlertSubscription>> List() => await analytics.Alerts.ListAsync();

    public async ValueTask<AlertSubscription> Create(AlertSubscriptionInput input, Caller caller)
    {
        var id = await analytics.Alerts.CreateAsync(input, caller.Name);
        return (await analytics.Alerts.GetAsync(id))!.Value.Subscription;
    }

    public async ValueTask<AlertSubscription?> Update(long id, AlertSubscriptionInput input) =>
        await analytics.Alerts.UpdateAsync(id, input) ? (await analytics.Alerts.GetAsync(id))?.Subscription : null;

    public async ValueTask<bool> Delete(long id) => await analytics.Alerts.DeleteAsync(id);

    public async ValueTask<List<AlertDelivery>> Deliveries(long? subscriptionId, AlertDeliveryStatus? status, int first) =>
        await analytics.Alerts.DeliveriesAsync(subscriptionId, status, first);
}
