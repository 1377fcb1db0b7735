using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Pricing.Model;

namespace Pricing.Alerts;

/// <summary>Sends one message over its subscription's channel; throws with a reason an operator can act on when it cannot.</summary>
public sealed class AlertSender(HttpClient http, AlertOptions options)
{
    public async Task SendAsync(AlertMessage message, string deliveryKey, AlertSubscription subscription, string? secret, CancellationToken ct)
    {
        switch (subscription.Channel)
        {
            case AlertChannel.SlackWebhook:
                await PostAsync(subscription.Target, ChannelMessages.Slack(message), deliveryKey, null, ct);
                break;
            case AlertChannel.Webhook:
                var body = ChannelMessages.Webhook(message, deliveryKey);
                await PostAsync(subscription.Target, body, deliveryKey, secret is null ? null : ChannelMessages.Signature(secret, body), ct);
                break;
            default:
                await MailAsync(message, deliveryKey, AlertSubscription.EmailAddresses(subscription.Target), ct);
                break;
        }
    }

    private async Task PostAsync(string url, string json, string deliveryKey, string? signature, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(ChannelMessages.DeliveryHeader, deliveryKey);
        if (signature is not null)
            request.Headers.Add(ChannelMessages.SignatureHeader, signature);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(ct);
            // not the URL: a Slack webhook's URL is its secret
            throw new AlertDeliveryException($"the receiver answered {(int)response.StatusCode} {response.ReasonPhrase}{(answer.Length > 0 ? ": " + answer[..Math.Min(200, answer.Length)] : "")}");
        }
    }

    private async Task MailAsync(AlertMessage message, string deliveryKey, List<string> to, CancellationToken ct)
    {
        var smtp = options.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            throw new AlertDeliveryException("no mail server: set Pricing:Smtp:Host (docs/operators.md, Alerts)");
        using var client = new SmtpClient { Timeout = 15_000 };
        var security = smtp.Security.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "TLS" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(ChannelMessages.Email(message, deliveryKey, smtp.From, to), ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>A delivery the receiver refused or could not take; its message is what the deliveries list shows.</summary>
public sealed class AlertDeliveryException(string message) : Exception(message);
