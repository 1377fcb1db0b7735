using System.Net.Mail;
using Pricing.Model;

namespace Pricing.Gateway;

/// <summary>The checks of a subscription as a pricing manager enters it: each problem named by its field.</summary>
public static class AlertArguments
{
    public static AlertSubscriptionInput Subscription(string? name, AlertFilter filter, AlertChannel channel, string? target, string? secret, AlertMode mode,
        bool enabled)
    {
        var checkedName = ApiArguments.Text(name, "name", 200) ?? throw Bad("name: a subscription needs a name");
        var checkedTarget = ApiArguments.Text(target, "target", 2000) ?? throw Bad($"target: a {channel.Name()} subscription needs a {What(channel)}");
        if (channel == AlertChannel.Email)
        {
            var addresses = AlertSubscription.EmailAddresses(checkedTarget);
            if (addresses.Count == 0)
                throw Bad("target: an EMAIL subscription needs at least one address");
            if (addresses.FirstOrDefault(a => !MailAddress.TryCreate(a, out _)) is { } bad)
                throw Bad($"target: '{bad}' is not an email address");
        }
        else if (!Uri.TryCreate(checkedTarget, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw Bad($"target: '{checkedTarget}' is not an http(s) URL");
        if (channel != AlertChannel.Webhook && !string.IsNullOrEmpty(secret))
            throw Bad("secret: only a WEBHOOK subscription signs its posts with a secret");
        if (filter.MinImpact is < 0)
            throw Bad($"minImpact must be at least 0 (got {filter.MinImpact})");
        foreach (var group in filter.MaterialGroups)
            ApiArguments.MaterialGroup(group, "materialGroups");
        return new AlertSubscriptionInput(checkedName, filter, channel, checkedTarget, ApiArguments.Text(secret, "secret", 500), mode, enabled);
    }

    public static long Id(string? id, string name = "id") =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw Bad($"{name}: '{id}' is not a subscription id");

    private static string What(AlertChannel channel) => channel == AlertChannel.Email ? "list of email addresses" : "URL";

    private static ApiArgumentException Bad(string message) => new(ApiArgumentException.BadArgument, message);
}
