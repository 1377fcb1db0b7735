using System.Text.Json;
using Orleans.TestingHost;
using Pricing.Alerts;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Alerts;

/// <summary>
/// A silo killed while the alert grain on it is between two deliveries (the first answered, the second hanging at
/// the receiver): the grain wakes on the other silo and every incident change reaches the subscription exactly once.
/// In-process cluster of two silos on MariaDB.
/// </summary>
[Trait("Category", "MySql")]
public sealed class AlertFailoverTests : IAsyncLifetime
{
    private GrainCluster _grid = null!;
    private readonly HttpReceiver _http = new() { HoldAfter = 1 };

    public async Task InitializeAsync()
    {
        _grid = await GrainCluster.StartAsync(DatabaseKind.MySql, silos: 2, fastFailover: true,
            alerts: new AlertOptions { FirstRetry = TimeSpan.Zero, Lease = TimeSpan.FromSeconds(3) });
        await Golden.RunAsync(_grid.Source.Database, Golden.SourceSql);
        await RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _grid.DisposeAsync();
        await _http.DisposeAsync();
    }

    private async Task RunAsync()
    {
        var job = await _grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).Start(JobMode.Incremental, JobKind.Manual, "test");
        var done = await _grid.WaitForAsync(job.Id, TimeSpan.FromMinutes(2));
        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
    }

    [Fact]
    public async Task Each_incident_change_is_delivered_once_when_the_alert_silo_dies_between_deliveries()
    {
        var subscription = await _grid.Client.GetGrain<IAlertSubscriptionsGrain>(0).Create(new AlertSubscriptionInput("all margins",
            new AlertFilter { Reasons = [AnomalyReasons.NegativeMargin] }, AlertChannel.Webhook, _http.Url, null, AlertMode.Immediate, true), new Caller("pm", Role.PricingManager));
        foreach (var s in (await PricedSeries.LatestAsync(_grid.Source.Database)).Take(3))
            await s.PriceAsync(_grid.Source.Database, 10, s.Cost * 0.8);

        await RunAsync(); // its end hands the three new incidents to the alert grain: one message each
        await WaitUntilAsync(() => _http.Posts.Count == 1 && !_http.Held.IsEmpty, "the first delivery answered and the second hanging");
        await _grid.Cluster.KillSiloAsync(await AlertSiloAsync());
        _http.HoldAfter = null;

        // the grain wakes on the other silo (here on a call; by its reminder otherwise) and, once the lease of the
        // hanging delivery ran out, sends it and the third
        await WaitUntilAsync(async () =>
        {
            await _grid.Client.GetGrain<IAlertGrain>(0).AfterRun();
            return _http.Posts.Count >= 3;
        }, "all three delivered");
        await Task.Delay(TimeSpan.FromSeconds(4)); // past another lease: nothing more may come
        await _grid.Client.GetGrain<IAlertGrain>(0).AfterRun();

        var posted = _http.Posts.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("incidents")[0].GetProperty("id").GetInt64()).ToList();
        Assert.Equal(3, posted.Count);
        Assert.Equal(3, posted.Distinct().Count());
        // the delivery the dead silo was sending came again under the same key: a receiver that got it can tell
        Assert.Contains(_http.Posts, p => p.Headers[ChannelMessages.DeliveryHeader] == _http.Held.First().Headers[ChannelMessages.DeliveryHeader]);
        var deliveries = await _grid.Client.GetGrain<IAlertSubscriptionsGrain>(0).Deliveries(subscription.Id, null, 10);
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(AlertDeliveryStatus.Sent, d.Status));
    }

    private async Task<InProcessSiloHandle> AlertSiloAsync()
    {
        var statistics = await _grid.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.First(s => s.GrainId.ToString().StartsWith("alert/", StringComparison.Ordinal)).SiloAddress;
        return _grid.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));
    }

    private static Task WaitUntilAsync(Func<bool> done, string what) => WaitUntilAsync(() => Task.FromResult(done()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await done())
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"waited a minute for {what}");
    }
}
