using System.Text.Json;
using Pricing.Alerts;
using Pricing.Model;

namespace Pricing.Tests.Alerts;

public class AlertMessageTests
{
    private static AlertItem Item(long id, double? impact, AlertChange change = AlertChange.New) =>
        new(id, change, $"SKU{id:D6}", "1000", "C100001", "NEGATIVE_MARGIN", "CRITICAL", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3), 3, impact,
            $"https://grid.example.com/?incident={id}");

    [Fact]
    public void A_digest_lists_the_biggest_first_up_to_its_size_and_counts_and_sums_the_rest()
    {
        var changed = new[] { Item(1, 10), Item(2, 300), Item(3, null), Item(4, 50) };

        var (message, names) = Assert.Single(AlertMessage.For("margins", AlertMode.Digest, changed, digestSize: 2, "EUR"));

        Assert.Equal([2L, 4L], message.Items.Select(i => i.IncidentId));
        Assert.Equal([2L, 4L, 1L, 3L], names.Select(i => i.IncidentId)); // the delivery records every one it stands for
        Assert.Equal((4, 360.0), (message.Total, message.TotalImpact));
        Assert.Equal("and 2 more, 10.00 EUR at stake", message.More);
        Assert.StartsWith("4 incidents new, reopened or escalated: 360.00 EUR", message.Title);
    }

    [Fact]
    public void Immediate_mode_makes_one_message_per_incident_and_no_change_makes_none()
    {
        var messages = AlertMessage.For("margins", AlertMode.Immediate, [Item(1, 10), Item(2, 20, AlertChange.Escalated)], 10, "EUR");

        Assert.Equal([[2L], [1L]], messages.Select(m => m.Names.Select(n => n.IncidentId).ToArray()));
        Assert.StartsWith("Escalated incident: NEGATIVE_MARGIN on SKU000002", messages[0].Message.Title);
        Assert.Null(messages[0].Message.More);
        Assert.Empty(AlertMessage.For("margins", AlertMode.Digest, [], 10, "EUR"));
    }

    [Fact]
    public void A_message_reads_back_from_the_outbox_as_it_was_written()
    {
        var (message, _) = AlertMessage.For("margins", AlertMode.Digest, [Item(1, 10), Item(2, null)], 10, "USD")[0];

        var read = JsonSerializer.Deserialize<AlertMessage>(JsonSerializer.Serialize(message))!;

        Assert.Equal(message.Items, read.Items);
        Assert.Equal((message.Title, message.Total, message.Currency), (read.Title, read.Total, read.Currency));
    }

    [Fact]
    public void The_webhook_signature_is_the_hmac_sha256_of_the_body()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ChannelMessages.Signature("Jefe", "what do ya want for nothing?"));
    }

    [Fact]
    public void Slack_escapes_its_markup_and_links_each_incident()
    {
        var item = Item(7, 5) with { CustomerId = "C<&>" };
        var slack = JsonDocument.Parse(ChannelMessages.Slack(new AlertMessage("a", AlertMode.Immediate, [item], 1, 5, "EUR")));

        var lines = slack.RootElement.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("text").GetProperty("text").GetString()).ToList();
        Assert.StartsWith("<https://grid.example.com/?incident=7|#7>", lines[1]);
        Assert.Contains("C&lt;&amp;&gt;", lines[1]);
    }

    [Fact]
    public void A_mail_has_a_text_and_an_html_part_with_a_link_per_incident_and_a_stable_message_id()
    {
        var message = new AlertMessage("a", AlertMode.Digest, [Item(1, 5), Item(2, 6)], 2, 11, "EUR");

        var mail = ChannelMessages.Email(message, "3:99:digest", "grid@example.com", AlertSubscription.EmailAddresses("a@example.com; b@example.com"));

        Assert.Equal("3:99:digest@pricing-grid", mail.MessageId);
        Assert.Equal(["a@example.com", "b@example.com"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.All(new[] { mail.TextBody, mail.HtmlBody }, body =>
        {
            Assert.Contains("?incident=1", body);
            Assert.Contains("?incident=2", body);
        });
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(4, 240)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void Retries_wait_twice_as_long_each_time_up_to_an_hour(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), new AlertOptions().RetryAfter(attempts));
    }
}
