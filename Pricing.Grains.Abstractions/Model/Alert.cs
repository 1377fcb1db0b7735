namespace Pricing.Model;

/// <summary>Where a subscription sends its messages (docs/operators.md, Alerts).</summary>
public enum AlertChannel { SlackWebhook, Webhook, Email }

/// <summary>
/// <see cref="Immediate"/>: one message per new, reopened or escalated incident; <see cref="Digest"/>: one message
/// after each run that changed any, listing the biggest.
/// </summary>
public enum AlertMode { Immediate, Digest }

/// <summary>Why an incident is in a message.</summary>
public enum AlertChange { New, Reopened, Escalated }

public enum AlertDeliveryStatus { Pending, Sent, Failed }

/// <summary>Which incidents a subscription wants: every list empty means any; all given filters must hold.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertFilter
{
    [Id(0)] public IReadOnlyList<AnomalyReasons> Reasons { get; init; } = [];
    [Id(1)] public IReadOnlyList<string> MaterialGroups { get; init; } = [];
    [Id(2)] public IReadOnlyList<string> SalesOrgs { get; init; } = [];
    [Id(3)] public Severity? MinSeverity { get; init; }

    /// <summary>In the reporting currency.</summary>
    [Id(4)] public double? MinImpact { get; init; }

    /// <summary>The reasons as one bit set, as stored and matched (none: any reason).</summary>
    public AnomalyReasons ReasonSet => Reasons.Aggregate(AnomalyReasons.None, (all, r) => all | r);
}

/// <summary>
/// What a pricing manager subscribed to. <see cref="Target"/> is the webhook URL or the comma-separated addresses;
/// the webhook's secret is never read back, only whether there is one. <see cref="Failing"/>: the last deliveries
/// failed until the retries gave up; the next success clears it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertSubscription(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] AlertFilter Filter,
    [property: Id(3)] AlertChannel Channel,
    [property: Id(4)] string Target,
    [property: Id(5)] bool HasSecret,
    [property: Id(6)] AlertMode Mode,
    [property: Id(7)] bool Enabled,
    [property: Id(8)] bool Failing,
    [property: Id(9)] string CreatedBy)
{
    /// <summary>The addresses of an email subscription's target: separated by commas or semicolons.</summary>
    public static List<string> EmailAddresses(string target) =>
        [.. target.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>What a create or update sets; a null <see cref="Secret"/> on update keeps the stored one.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertSubscriptionInput(
    [property: Id(0)] string Name,
    [property: Id(1)] AlertFilter Filter,
    [property: Id(2)] AlertChannel Channel,
    [property: Id(3)] string Target,
    [property: Id(4)] string? Secret,
    [property: Id(5)] AlertMode Mode,
    [property: Id(6)] bool Enabled);

/// <summary>One message of a subscription: the incidents it names, how often it was tried and how it ended.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertDelivery(
    [property: Id(0)] long Id,
    [property: Id(1)] long SubscriptionId,
    [property: Id(2)] string SubscriptionName,
    [property: Id(3)] AlertChannel Channel,
    [property: Id(4)] IReadOnlyList<long> IncidentIds,
    [property: Id(5)] int Attempts,
    [property: Id(6)] AlertDeliveryStatus Status,
    [property: Id(7)] string? Error,
    [property: Id(8)] DateTime CreatedAt,
    [property: Id(9)] DateTime? SentAt,
    [property: Id(10)] bool Test);

/// <summary>The contract's names of the alert enums (SLACK_WEBHOOK, IMMEDIATE, ESCALATED, ...), stored and served as such.</summary>
public static class AlertNames
{
    public static string Name(this AlertChannel channel) => channel == AlertChannel.SlackWebhook ? "SLACK_WEBHOOK" : channel.ToString().ToUpperInvariant();

    public static string Name(this AlertMode mode) => mode.ToString().ToUpperInvariant();

    public static string Name(this AlertChange change) => change.ToString().ToUpperInvariant();

    public static string Name(this AlertDeliveryStatus status) => status.ToString().ToUpperInvariant();

    public static T Parse<T>(string name) where T : struct, Enum =>
        Enum.Parse<T>(name.Replace("_", ""), ignoreCase: true);
}
