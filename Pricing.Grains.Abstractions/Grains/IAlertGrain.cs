namespace Pricing.Grains;

/// <summary>
/// Queues and sends the alerts of the cluster (docs/architecture.md, Alerts); one grain, key 0. Every call is also
/// made by its own reminder once a minute, so a run whose call was lost, or a retry, is only late, never dropped.
/// </summary>
public interface IAlertGrain : IGrainWithIntegerKey
{
    /// <summary>Queues what finished runs changed for every enabled subscription, then sends what is due.</summary>
    ValueTask AfterRun();

    /// <summary>Queues and sends a test message of the subscription; returns the delivery's id, null when there is no such subscription.</summary>
    ValueTask<long?> SendTest(long subscriptionId);
}
