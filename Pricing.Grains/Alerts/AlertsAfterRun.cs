using Pricing.Grains;
using Pricing.Pipeline;

namespace Pricing.Alerts;

/// <summary>Hands each run that succeeded to the alert grain, which tells the subscriptions what it changed.</summary>
public sealed class AlertsAfterRun(IGrainFactory grains) : IRunObserver
{
    public Task RunSucceededAsync(long jobId, CancellationToken ct) => grains.GetGrain<IAlertGrain>(0).AfterRun().AsTask();
}
