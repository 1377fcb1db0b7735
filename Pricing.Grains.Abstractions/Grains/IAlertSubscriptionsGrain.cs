using Pricing.Model;

namespace Pricing.Grains;

/// <summary>The pricing managers' subscriptions and the record of their deliveries (docs/api.md, Alerts). Key 0.</summary>
public interface IAlertSubscriptionsGrain : IGrainWithIntegerKey
{
    ValueTask<List<AlertSubscription>> List();

    ValueTask<AlertSubscription> Create(AlertSubscriptionInput input, Caller caller);

    /// <summary>Null when there is no such subscription.</summary>
    ValueTask<AlertSubscription?> Update(long id, AlertSubscriptionInput input);

    ValueTask<bool> Delete(long id);

    /// <summary>Newest first.</summary>
    ValueTask<List<AlertDelivery>> Deliveries(long? subscriptionId, AlertDeliveryStatus? status, int first);
}
