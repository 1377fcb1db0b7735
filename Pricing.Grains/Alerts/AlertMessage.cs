using System.Text.Json.Serialization;
using Pricing.Model;

namespace Pricing.Alerts;

/// <summary>One incident as a message names it, as it was when the message was made.</summary>
public sealed record AlertItem(long IncidentId, AlertChange Change, string Sku, string SalesOrg, string CustomerId, string Reason, string Severity,
    DateOnly FirstDt, DateOnly LastDt, int Days, double? ImpactReporting, string Link);

/// <summary>
/// What one delivery says, made once when it is queued so every retry sends the same (docs/operators.md, Alerts):
/// the incidents it names (a digest the biggest <c>Pricing:Alerts:DigestSize</c>), how many changed in all and their
/// money at stake in the reporting currency.
/// </summary>
public sealed record AlertMessage(string Subscription, AlertMode Mode, IReadOnlyList<AlertItem> Items, int Total, double TotalImpact, string Currency,
    bool Test = false)
{
    /// <summary>The messages of a subscription for these changes: one per incident, or one digest of them all.</summary>
    public static List<(AlertMessage Message, IReadOnlyList<AlertItem> Names)> For(string subscription, AlertMode mode, IReadOnlyList<AlertItem> changed,
        int digestSize, string currency)
    {
        if (changed.Count == 0)
            return [];
        var biggest = changed.OrderByDescending(i => i.ImpactReporting ?? 0).ThenBy(i => i.IncidentId).ToList();
        if (mode == AlertMode.Immediate)
            return [.. biggest.Select(i => (new AlertMessage(subscription, mode, [i], 1, i.ImpactReporting ?? 0, currency), (IReadOnlyList<AlertItem>)[i]))];
        var digest = new AlertMessage(subscription, mode, [.. biggest.Take(digestSize)], biggest.Count, biggest.Sum(i => i.ImpactReporting ?? 0), currency);
        return [(digest, biggest)];
    }

    [JsonIgnore]
    public string Title => Test
        ? $"Test message of the alert subscription '{Subscription}'"
        : Items.Count == 1 && Total == 1
            ? $"{ChangeName(Items[0].Change)} incident: {Items[0].Reason} on {Items[0].Sku} ({Items[0].SalesOrg}/{Items[0].CustomerId}), {Money(Items[0].ImpactReporting)} at stake"
            : $"{Total} incidents new, reopened or escalated: {Money(TotalImpact)} at stake ('{Subscription}')";

    /// <summary>How a digest that lists fewer than it counts says so.</summary>
    [JsonIgnore]
    public string? More => Total > Items.Count ? $"and {Total - Items.Count} more, {Money(TotalImpact - Items.Sum(i => i.ImpactReporting ?? 0))} at stake" : null;

    public string Line(AlertItem item) =>
        $"{ChangeName(item.Change)}: {item.Reason} ({item.Severity}) on {item.Sku} {item.SalesOrg}/{item.CustomerId}, " +
        $"{item.FirstDt:yyyy-MM-dd} to {item.LastDt:yyyy-MM-dd} ({item.Days} days), {Money(item.ImpactReporting)} at stake";

    public string Money(double? amount) => amount is { } a ? $"{a:#,0.00} {Currency}" : "an unknown amount (no exchange rate)";

    private static string ChangeName(AlertChange change) => change switch
    {
        AlertChange.New => "New",
        AlertChange.Reopened => "Reopened",
        _ => "Escalated",
    };
}
