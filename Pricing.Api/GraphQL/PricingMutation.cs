using GraphQL;
using GraphQL.Types;
using Pricing.Gateway.Access;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>What data engineers start from the UI or scripts. Each returns at once; poll job(id) for the outcome.</summary>
public sealed class PricingMutation : ObjectGraphType
{
    public PricingMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<JobRunType>>("runPipeline")
            .Description("Starts a run; while one is going, returns that one")
            .Argument<PipelineModeType>("mode", a => a.DefaultValue = JobMode.Incremental)
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).RunPipelineAsync(c.GetArgument("mode", JobMode.Incremental), Caller(c), Via));

        Field<NonNullGraphType<JobRunType>>("recomputeSku")
            .Description("Recomputes one SKU from the source, replacing its analytics rows")
            .Argument<NonNullGraphType<StringGraphType>>("sku")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).RecomputeSkuAsync(ApiArguments.Sku(c.GetArgument<string>("sku")), Caller(c), Via));

        Field<NonNullGraphType<ModelVersionType>>("retrainModel")
            .Description("Trains a new model version on recent feature rows; the next run uses it")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).RetrainModelAsync(Caller(c), Via));

        Field<NonNullGraphType<ThresholdChangeType>>("setRuleThresholds")
            .Description("Sets a material group's thresholds (an omitted or null one follows the configuration) and recomputes the group's SKUs with them; refused while a run is going")
            .Argument<NonNullGraphType<StringGraphType>>("materialGroup")
            .Argument<FloatGraphType>("negativeMarginPct")
            .Argument<FloatGraphType>("lowMarginPct")
            .Argument<FloatGraphType>("priceSpikePct")
            .Argument<FloatGraphType>("competitorUndercutPct")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).SetRuleThresholdsAsync(
                ApiArguments.MaterialGroup(c.GetArgument<string>("materialGroup")),
                new RuleOverride(Threshold(c, "negativeMarginPct"), Threshold(c, "lowMarginPct"), Threshold(c, "priceSpikePct"), Threshold(c, "competitorUndercutPct")),
                Caller(c), Via));

        IncidentFields();
        AlertFields();
    }

    private void AlertFields()
    {
        Field<NonNullGraphType<IncidentType>>("snoozeIncident")
            .Description("No alerts about the incident until the given time (ISO 8601, UTC); null: alerts again")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<DateTimeGraphType>("until")
            .ResolveAsync(async c => (object)new IncidentView(await PricingQuery.Api(c).SnoozeIncidentAsync(
                ApiArguments.IncidentId(c.GetArgument<string>("id")), c.GetArgument<DateTime?>("until"), Caller(c))));

        Field<NonNullGraphType<AlertSubscriptionType>>("createAlertSubscription")
            .Description("A new subscription; it hears of incidents that become new, reopened or escalated from now on")
            .Argument<NonNullGraphType<AlertSubscriptionInputType>>("input")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).CreateAlertSubscriptionAsync(AlertSubscriptionInputType.Read(c), Caller(c)));

        Field<NonNullGraphType<AlertSubscriptionType>>("updateAlertSubscription")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<AlertSubscriptionInputType>>("input")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).UpdateAlertSubscriptionAsync(
                AlertArguments.Id(c.GetArgument<string>("id")), AlertSubscriptionInputType.Read(c), Caller(c)));

        Field<NonNullGraphType<BooleanGraphType>>("deleteAlertSubscription")
            .Description("Deletes it; its deliveries stay on record, the queued ones are not sent")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).DeleteAlertSubscriptionAsync(AlertArguments.Id(c.GetArgument<string>("id")), Caller(c)));

        Field<NonNullGraphType<AlertDeliveryType>>("testAlertSubscription")
            .Description("Sends a test message now and returns its delivery: SENT, or PENDING with the error of the first try")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).TestAlertSubscriptionAsync(AlertArguments.Id(c.GetArgument<string>("id"))));
    }

    private void IncidentFields()
    {
        Field<NonNullGraphType<IncidentType>>("setIncidentStatus")
            .Description("Moves an incident: OPEN, ACKNOWLEDGED, RESOLVED, or DISMISSED (a false positive, with a note)")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IncidentStatusType>>("status")
            .Argument<StringGraphType>("note")
            .ResolveAsync(async c => (object)new IncidentView(await PricingQuery.Api(c).SetIncidentStatusAsync(
                ApiArguments.IncidentId(c.GetArgument<string>("id")), c.GetArgument<IncidentStatus>("status"), c.GetArgument<string?>("note"), Caller(c))));

        Field<NonNullGraphType<IncidentType>>("assignIncident")
            .Description("Assigns an incident to someone; null or empty: to nobody")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("assignee")
            .ResolveAsync(async c => (object)new IncidentView(await PricingQuery.Api(c).AssignIncidentAsync(
                ApiArguments.IncidentId(c.GetArgument<string>("id")), c.GetArgument<string?>("assignee"), Caller(c))));

        Field<NonNullGraphType<IncidentType>>("commentIncident")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .ResolveAsync(async c => (object)new IncidentView(await PricingQuery.Api(c).CommentIncidentAsync(
                ApiArguments.IncidentId(c.GetArgument<string>("id")), c.GetArgument<string>("text"), Caller(c))));
    }

    private static double? Threshold(IResolveFieldContext c, string name) => ApiArguments.Threshold(name, c.GetArgument<double?>(name));

    private const string Via = "graphql";

    /// <summary>Who asked: the access rules let no mutation run without a caller.</summary>
    internal static Caller Caller(IResolveFieldContext c) => Callers.Of(c.User!) ?? throw new InvalidOperationException("a mutation ran without a caller");
}
