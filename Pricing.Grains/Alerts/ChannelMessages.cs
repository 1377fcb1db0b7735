using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pricing.Model;

namespace Pricing.Alerts;

/// <summary>
/// A message as each channel takes it (docs/operators.md, Alerts): Slack's incoming-webhook blocks, the generic
/// webhook's JSON with its HMAC-SHA256 signature, and a mail with HTML and text parts. Pure: the sender only posts them.
/// </summary>
public static class ChannelMessages
{
    /// <summary>The header of a webhook post that carries <c>sha256=</c> and the hex HMAC-SHA256 of the body with the secret.</summary>
    public const string SignatureHeader = "X-Pricing-Signature";

    /// <summary>The header of every post that names the delivery: a receiver that sees one twice has it already.</summary>
    public const string DeliveryHeader = "X-Pricing-Delivery";

    public static string Slack(AlertMessage message)
    {
        var blocks = new JsonArray { Section($"*{Escape(message.Title)}*") };
        foreach (var item in message.Items)
            blocks.Add(Section($"<{item.Link}|#{item.IncidentId}> {Escape(message.Line(item))}"));
        if (message.More is { } more)
            blocks.Add(Section(Escape(more)));
        return new JsonObject { ["text"] = message.Title, ["blocks"] = blocks }.ToJsonString();

        static JsonObject Section(string markdown) => new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown } };
        // Slack's mrkdwn reads &, < and > as markup
        static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }

    public static string Webhook(AlertMessage message, string deliveryKey) => JsonSerializer.Serialize(new
    {
        delivery = deliveryKey,
        subscription = message.Subscription,
        mode = message.Mode.Name(),
        test = message.Test,
        title = message.Title,
        total = message.Total,
        totalImpact = message.TotalImpact,
        currency = message.Currency,
        incidents = message.Items.Select(i => new
        {
            id = i.IncidentId, change = i.Change.Name(), sku = i.Sku, salesOrg = i.SalesOrg, customerId = i.CustomerId, reason = i.Reason,
            maxSeverity = i.Severity, firstDt = i.FirstDt.ToString("yyyy-MM-dd"), lastDt = i.LastDt.ToString("yyyy-MM-dd"), days = i.Days,
            impactReporting = i.ImpactReporting, link = i.Link,
        }),
    });

    public static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static MimeMessage Email(AlertMessage message, string deliveryKey, string from, IEnumerable<string> to)
    {
        var mail = new MimeMessage { Subject = message.Title, MessageId = $"{deliveryKey}@pricing-grid" };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.AddRange(to.Select(MailboxAddress.Parse));
        var text = new StringBuilder().AppendLine(message.Title).AppendLine();
        var html = new StringBuilder($"<p><strong>{WebUtility.HtmlEncode(message.Title)}</strong></p><ul>");
        foreach (var item in message.Items)
        {
            text.AppendLine($"- {message.Line(item)}").AppendLine($"  {item.Link}");
            html.Append($"<li><a href=\"{WebUtility.HtmlEncode(item.Link)}\">#{item.IncidentId}</a> {WebUtility.HtmlEncode(message.Line(item))}</li>");
        }
        html.Append("</ul>");
        if (message.More is { } more)
        {
            text.AppendLine(more);
            html.Append($"<p>{WebUtility.HtmlEncode(more)}</p>");
        }
        mail.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return mail;
    }
}
