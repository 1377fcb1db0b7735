using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Pricing.Alerts;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Alerts;

/// <summary>
/// Alerts through real runs on the golden data, to a real HTTP listener (Slack and webhook posts) and a real SMTP
/// server: what a night changed reaches each subscription once, grouped as its mode says, retried after a refusal,
/// held back while snoozed, and nothing is sent again by a run that changed nothing.
/// </summary>
public abstract class AlertDeliveryTests(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly Caller Manager = new("pm", Role.PricingManager);
    private GrainCluster _grid = null!;
    private readonly HttpReceiver _http = new();
    private readonly SmtpReceiver _smtp = new();

    public async Task InitializeAsync()
    {
        _grid = await GrainCluster.StartAsync(kind, alerts: new AlertOptions
        {
            FirstRetry = TimeSpan.Zero, MaxAttempts = 3, LinkBase = "https://pricing.example.com", DigestSize = 3,
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, Security = "None", From = "grid@example.com" },
        });
        await Golden.RunAsync(_grid.Source.Database, Golden.SourceSql);
        await Golden.RunAsync(_grid.Source.Database, Golden.QuantitiesSql);
        await RunAsync();
    }

    public async Task DisposeAsync()
    {
        await _grid.DisposeAsync();
        await _http.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private IAlertGrain Alerts => _grid.Client.GetGrain<IAlertGrain>(0);
    private IAlertSubscriptionsGrain Subscriptions => _grid.Client.GetGrain<IAlertSubscriptionsGrain>(0);

    private async Task RunAsync()
    {
        var job = await _grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).Start(JobMode.Incremental, JobKind.Manual, "test");
        var done = await _grid.WaitForAsync(job.Id);
        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
        // the run hands itself to the alert grain; this call waits until that (or this) round has sent what is due
        await Alerts.AfterRun();
    }

    private Task<AlertSubscription> SubscribeAsync(AlertChannel channel, string target, AlertMode mode = AlertMode.Digest, string? secret = null) =>
        Subscriptions.Create(new AlertSubscriptionInput("margins", new AlertFilter { Reasons = [AnomalyReasons.NegativeMargin] }, channel, target, secret, mode, true),
            Manager).AsTask();

    /// <summary>
    /// A night with a price below cost ten days after the last day of <paramref name="count"/> series: each opens a
    /// NEGATIVE_MARGIN incident of its own (ten days is more than GapDays after anything before). Returns their ids.
    /// </summary>
    private async Task<List<long>> NightOpeningNegativeMarginsAsync(int count)
    {
        _series = [.. (await PricedSeries.LatestAsync(_grid.Source.Database)).Take(count)];
        return await NightBelowCostAsync(10);
    }

    private List<PricedSeries> _series = [];

    /// <summary>A night with a price below cost <paramref name="days"/> after the chosen series' last day; the ids of their incidents then.</summary>
    private async Task<List<long>> NightBelowCostAsync(int days)
    {
        foreach (var s in _series)
            await s.PriceAsync(_grid.Source.Database, days, s.Cost * 0.8);
        await RunAsync();
        var ids = new List<long>();
        foreach (var s in _series)
            ids.Add(await _grid.Analytics.Database.ScalarAsync<long>(
                "SELECT id FROM incidents WHERE sku = @sku AND sales_org = @so AND customer_id = @c AND reason = 1 AND last_dt = @dt",
                c => c.Bind("@sku", s.Sku).Bind("@so", s.SalesOrg).Bind("@c", s.CustomerId).Bind("@dt", s.Last.AddDays(days))));
        Assert.All(ids, id => Assert.True(id > 0));
        return ids;
    }

    private static List<long> LinkedIds(string? text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text ?? "", @"\?incident=(\d+)").Select(m => long.Parse(m.Groups[1].Value)).Distinct().Order()];

    [Fact]
    public async Task A_night_that_opens_three_incidents_sends_one_slack_digest_naming_them_and_a_run_without_changes_sends_nothing()
    {
        var subscription = await SubscribeAsync(AlertChannel.SlackWebhook, _http.Url, AlertMode.Digest);
        var opened = await NightOpeningNegativeMarginsAsync(3);

        var post = Assert.Single(_http.Posts);
        using var slack = JsonDocument.Parse(post.Body);
        var blocks = slack.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("text").GetProperty("text").GetString()!).ToList();
        Assert.Contains("3 incidents", blocks[0]);
        Assert.Equal(opened.Order(), LinkedIds(post.Body)); // each with its link (a longer digest lists DigestSize and counts the rest)
        Assert.Equal(4, blocks.Count);
        var delivery = Assert.Single(await Subscriptions.Deliveries(subscription.Id, null, 10));
        Assert.Equal((AlertDeliveryStatus.Sent, 1), (delivery.Status, delivery.Attempts));
        Assert.Equal(opened.Order(), delivery.IncidentIds.Order());

        await RunAsync();
        await RunAsync();

        Assert.Single(_http.Posts);
        Assert.Single(await Subscriptions.Deliveries(subscription.Id, null, 10));
    }

    [Fact]
    public async Task A_webhook_post_is_signed_retried_after_a_500_and_delivered_once()
    {
        var subscription = await SubscribeAsync(AlertChannel.Webhook, _http.Url, AlertMode.Digest, secret: "s3cret");
        _http.NextAnswers.Enqueue(HttpStatusCode.InternalServerError);
        var opened = await NightOpeningNegativeMarginsAsync(2);

        // the first try was refused; the retry is due at once here (FirstRetry 0), and the next round sends it
        await Alerts.AfterRun();

        var post = Assert.Single(_http.Posts);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8.ToArray(), Encoding.UTF8.GetBytes(post.Body)));
        Assert.Equal(expected, post.Headers[ChannelMessages.SignatureHeader]);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal(opened.Order(), body.RootElement.GetProperty("incidents").EnumerateArray().Select(i => long.Parse(i.GetProperty("id").ToString())).Order());
        Assert.Equal(body.RootElement.GetProperty("delivery").GetString(), post.Headers[ChannelMessages.DeliveryHeader]);
        var sent = Assert.Single(await Subscriptions.Deliveries(subscription.Id, null, 10));
        Assert.Equal((AlertDeliveryStatus.Sent, 2), (sent.Status, sent.Attempts));
        Assert.Contains("500", sent.Error); // the refused try's reason stays on record
        Assert.DoesNotContain("s3cret", JsonSerializer.Serialize(await Subscriptions.List()));
    }

    [Fact]
    public async Task Immediate_mode_mails_each_incident_on_its_own_and_a_snoozed_one_not_when_it_reopens()
    {
        var subscription = await SubscribeAsync(AlertChannel.Email, "pricing@example.com, lead@example.com", AlertMode.Immediate);
        var opened = await NightOpeningNegativeMarginsAsync(2);

        Assert.Equal(2, _smtp.Mails.Count);
        Assert.Equal(opened.Order(), _smtp.Mails.SelectMany(m => LinkedIds(m.TextBody)).Order());
        var mail = _smtp.Mails.First();
        Assert.Equal(["pricing@example.com", "lead@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(LinkedIds(mail.TextBody), LinkedIds(mail.HtmlBody));
        Assert.Contains("New incident: NEGATIVE_MARGIN", mail.Subject);

        // both resolved, the first snoozed; the next day is below cost again: both reopen, only the second is mailed
        foreach (var id in opened)
            await _grid.Client.GetGrain<IIncidentGrain>(id).SetStatus(IncidentStatus.Resolved, null, Manager);
        await _grid.Client.GetGrain<IIncidentGrain>(opened[0]).Snooze(DateTime.UtcNow.AddDays(1), Manager);
        _smtp.Mails.Clear();
        Assert.Equal(opened, await NightBelowCostAsync(11));

        var reopened = Assert.Single(_smtp.Mails);
        Assert.Equal([opened[1]], LinkedIds(reopened.TextBody));
        Assert.Contains("Reopened incident", reopened.Subject);
        Assert.Equal(3, (await Subscriptions.Deliveries(subscription.Id, AlertDeliveryStatus.Sent, 10)).Count);
    }

    [Fact]
    public async Task An_incident_whose_severity_rises_is_sent_again_as_escalated_and_not_when_it_only_goes_on()
    {
        var subscription = await Subscriptions.Create(new AlertSubscriptionInput("spikes", new AlertFilter { Reasons = [AnomalyReasons.PriceSpike] },
            AlertChannel.Webhook, _http.Url, null, AlertMode.Immediate, true), Manager);
        var s = (await PricedSeries.LatestAsync(_grid.Source.Database))[0];
        async Task PricedAsync(int day, double factor)
        {
            await s.PriceAsync(_grid.Source.Database, day, s.Price * factor);
            await RunAsync();
        }
        string[] Changes() => [.. _http.Posts.Select(p => JsonDocument.Parse(p.Body).RootElement.GetProperty("incidents")[0])
            .Select(i => $"{i.GetProperty("change").GetString()} {i.GetProperty("maxSeverity").GetString()}")];

        await PricedAsync(10, 1.35); // 35 % above its last price: a MEDIUM spike
        await PricedAsync(11, 1.6);  // 60 %: the same incident, now HIGH
        await PricedAsync(12, 1.6);  // goes on, still HIGH

        Assert.Equal(["NEW MEDIUM", "ESCALATED HIGH"], Changes());
        Assert.Equal(2, (await Subscriptions.Deliveries(subscription.Id, AlertDeliveryStatus.Sent, 10)).Count);
    }

    [Fact]
    public async Task A_delivery_refused_every_time_is_given_up_and_its_subscription_marked_failing()
    {
        var subscription = await SubscribeAsync(AlertChannel.SlackWebhook, _http.Url);
        for (var i = 0; i < 3; i++)
            _http.NextAnswers.Enqueue(HttpStatusCode.InternalServerError);
        await NightOpeningNegativeMarginsAsync(1);
        await Alerts.AfterRun();
        await Alerts.AfterRun();
        await Alerts.AfterRun();

        var delivery = Assert.Single(await Subscriptions.Deliveries(subscription.Id, null, 10));
        Assert.Equal((AlertDeliveryStatus.Failed, 3), (delivery.Status, delivery.Attempts));
        Assert.True(Assert.Single(await Subscriptions.List()).Failing);
        Assert.Empty(_http.Posts);

        // a test message that goes through clears the mark
        var test = await Alerts.SendTest(subscription.Id);
        Assert.NotNull(test);
        Assert.Single(_http.Posts);
        Assert.False(Assert.Single(await Subscriptions.List()).Failing);
    }
}

public sealed class SqliteAlertDeliveryTests() : AlertDeliveryTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlAlertDeliveryTests() : AlertDeliveryTests(DatabaseKind.MySql);
