using GraphQL;
using GraphQL.Types;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

public sealed class AlertChannelType : EnumerationGraphType
{
    public AlertChannelType()
    {
        Name = "AlertChannel";
        foreach (var channel in Enum.GetValues<AlertChannel>())
            Add(channel.Name(), channel);
    }
}

public sealed class AlertModeType : EnumerationGraphType
{
    public AlertModeType()
    {
        Name = "AlertMode";
        Add(AlertMode.Immediate.Name(), AlertMode.Immediate, "a message for each new, reopened or escalated incident");
        Add(AlertMode.Digest.Name(), AlertMode.Digest, "one message after each run that changed any, the biggest first");
    }
}

public sealed class AlertDeliveryStatusType : EnumerationGraphType
{
    public AlertDeliveryStatusType()
    {
        Name = "AlertDeliveryStatus";
        foreach (var status in Enum.GetValues<AlertDeliveryStatus>())
            Add(status.Name(), status);
    }
}

/// <summary>What a pricing manager subscribed to (docs/api.md, Alerts); the webhook's secret is never read back.</summary>
public sealed class AlertSubscriptionType : ObjectGraphType<AlertSubscription>
{
    public AlertSubscriptionType()
    {
        Name = "AlertSubscription";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => IncidentType.Id(c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AnomalyReasonType>>>>("reasons").Description("empty: any").Resolve(c => c.Source.Filter.Reasons);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("materialGroups").Description("empty: any").Resolve(c => c.Source.Filter.MaterialGroups);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("salesOrgs").Description("empty: any").Resolve(c => c.Source.Filter.SalesOrgs);
        Field<SeverityType>("minSeverity").Resolve(c => c.Source.Filter.MinSeverity);
        Field<FloatGraphType>("minImpact").Description("in the reporting currency").Resolve(c => c.Source.Filter.MinImpact);
        Field<NonNullGraphType<AlertChannelType>>("channel").Resolve(c => c.Source.Channel);
        Field<NonNullGraphType<StringGraphType>>("target").Description("the webhook URL, or the email addresses").Resolve(c => c.Source.Target);
        Field<NonNullGraphType<BooleanGraphType>>("hasSecret").Description("a WEBHOOK's posts are signed").Resolve(c => c.Source.HasSecret);
        Field<NonNullGraphType<AlertModeType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.Enabled);
        Field<NonNullGraphType<BooleanGraphType>>("failing").Description("its last delivery was given up after every retry").Resolve(c => c.Source.Failing);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(c => c.Source.CreatedBy);
    }
}

public sealed class AlertDeliveryType : ObjectGraphType<AlertDelivery>
{
    public AlertDeliveryType()
    {
        Name = "AlertDelivery";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => IncidentType.Id(c.Source.Id));
        Field<NonNullGraphType<IdGraphType>>("subscriptionId").Resolve(c => IncidentType.Id(c.Source.SubscriptionId));
        Field<NonNullGraphType<StringGraphType>>("subscription").Description("its name").Resolve(c => c.Source.SubscriptionName);
        Field<NonNullGraphType<AlertChannelType>>("channel").Resolve(c => c.Source.Channel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("incidents").Description("the ids of the incidents it names")
            .Resolve(c => c.Source.IncidentIds.Select(IncidentType.Id).ToList());
        Field<NonNullGraphType<IntGraphType>>("attempts").Resolve(c => c.Source.Attempts);
        Field<NonNullGraphType<AlertDeliveryStatusType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("error").Description("why the last try failed").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => JobRunType.Iso(c.Source.CreatedAt));
        Field<StringGraphType>("sentAt").Resolve(c => c.Source.SentAt is { } at ? JobRunType.Iso(at) : null);
        Field<NonNullGraphType<BooleanGraphType>>("test").Resolve(c => c.Source.Test);
    }
}

/// <summary>A subscription as created or updated; a missing secret on update keeps the stored one.</summary>
public sealed class AlertSubscriptionInputType : InputObjectGraphType
{
    public AlertSubscriptionInputType()
    {
        Name = "AlertSubscriptionInput";
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<ListGraphType<NonNullGraphType<AnomalyReasonType>>>("reasons");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("materialGroups");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("salesOrgs");
        Field<SeverityType>("minSeverity");
        Field<FloatGraphType>("minImpact");
        Field<NonNullGraphType<AlertChannelType>>("channel");
        Field<NonNullGraphType<StringGraphType>>("target").Description("SLACK_WEBHOOK and WEBHOOK: the URL; EMAIL: addresses separated by commas");
        Field<StringGraphType>("secret").Description("WEBHOOK: signs each post (X-Pricing-Signature: sha256=HMAC of the body)");
        Field<AlertModeType>("mode").Description("DIGEST when omitted");
        Field<BooleanGraphType>("enabled").Description("true when omitted");
    }

    /// <summary>The checked input of a mutation's <c>input</c> argument.</summary>
    internal static AlertSubscriptionInput Read(IResolveFieldContext c)
    {
        var input = c.GetArgument<Dictionary<string, object?>>("input");
        T? Get<T>(string name) => input.TryGetValue(name, out var value) && value is not null ? (T)value : default;
        List<string> Strings(string name) => Get<IEnumerable<object>>(name)?.Select(x => (string)x).ToList() ?? [];
        var filter = new AlertFilter
        {
            Reasons = Get<IEnumerable<object>>("reasons")?.Select(x => (AnomalyReasons)x).ToList() ?? [],
            MaterialGroups = Strings("materialGroups"),
            SalesOrgs = Strings("salesOrgs"),
            MinSeverity = input.TryGetValue("minSeverity", out var severity) && severity is not null ? (Severity)severity : null,
            MinImpact = input.TryGetValue("minImpact", out var impact) && impact is not null ? Convert.ToDouble(impact) : null,
        };
        return AlertArguments.Subscription(Get<string>("name"), filter, (AlertChannel)input["channel"]!, Get<string>("target"), Get<string>("secret"),
            input.TryGetValue("mode", out var mode) && mode is not null ? (AlertMode)mode : AlertMode.Digest,
            !input.TryGetValue("enabled", out var enabled) || enabled is not bool on || on);
    }
}
