using System.Globalization;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Pricing.Gateway.Access;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>The queries of docs/api.md, with the extra filters and lists the UI needs.</summary>
public sealed class PricingQuery : ObjectGraphType
{
    public PricingQuery()
    {
        Name = "Query";

        Field<NonNullGraphType<AnomalyConnectionType>>("anomalies")
            .Description("Anomalies, by default ordered by dt descending, then sku, salesOrg, customerId; follow pageInfo.endCursor with after")
            .SeriesArguments("inclusive", "inclusive")
            .Argument<SeverityType>("minSeverity")
            .Argument<FloatGraphType>("minMlScore", "0 to 1")
            .Argument<AnomalyOrderType>("orderBy", a => a.DefaultValue = AnomalyOrder.DateDesc)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var order = c.GetArgument("orderBy", AnomalyOrder.DateDesc);
                var filter = new AnomalyFilter
                {
                    Reason = c.GetArgument<AnomalyReasons?>("reason"),
                    Sku = c.GetArgument<string?>("sku"),
                    SkuPrefix = c.GetArgument<string?>("skuPrefix"),
                    SalesOrg = c.GetArgument<string?>("salesOrg"),
                    CustomerId = c.GetArgument<string?>("customerId"),
                    MaterialGroup = c.GetArgument<string?>("materialGroup"),
                    DtFrom = c.GetArgument<DateOnly?>("dtFrom"),
                    DtTo = c.GetArgument<DateOnly?>("dtTo"),
                    MinSeverity = (int?)c.GetArgument<Severity?>("minSeverity"),
                    MinMlScore = ApiArguments.Score(c.GetArgument<double?>("minMlScore"), "minMlScore"),
                };
                var first = ApiArguments.PageSize(c.GetArgument<int?>("first"), 50);
                var after = ApiArguments.AnomalyCursorOrNull(c.GetArgument<string?>("after"), order);
                return (object)new AnomalyConnection(await Api(c).AnomaliesAsync(filter, order, first, after), order);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReasonCountType>>>>("anomalyReasons")
            .Description("Anomalies per reason with dt in [dtFrom, dtTo]; a row with two reasons counts for both")
            .Argument<DateScalar>("dtFrom")
            .Argument<DateScalar>("dtTo")
            .ResolveAsync(async c => (object)await Api(c).ReasonCountsAsync(c.GetArgument<DateOnly?>("dtFrom"), c.GetArgument<DateOnly?>("dtTo")));

        Field<SkuDetailType>("skuDetail")
            .Description("Points with dt in [L − days + 1, L], L = the SKU's latest date; an unknown SKU is null with error UNKNOWN_SKU")
            .Argument<NonNullGraphType<StringGraphType>>("sku")
            .Argument<IntGraphType>("days", a => a.DefaultValue = 60)
            .ResolveAsync(async c => (object)await Api(c).SkuDetailAsync(
                ApiArguments.Sku(c.GetArgument<string>("sku")), ApiArguments.Range(c.GetArgument<int?>("days"), 60, 1, 3660, "days")));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RejectedRowType>>>>("rejectedRows")
            .Description("Source rows the grid refused, with the reason; for the next page pass the last row's cursor as after")
            .Argument<StringGraphType>("table", "daily_prices or competitor_prices")
            .Argument<StringGraphType>("sku")
            .Argument<IdGraphType>("jobId")
            .Argument<StringGraphType>("reason", "UNKNOWN_SKU, CURRENCY_MISMATCH, NON_POSITIVE_PRICE or NEGATIVE_COST")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var offset = ApiArguments.Offset(c.GetArgument<string?>("after"));
                var rows = await Api(c).RejectedRowsAsync(c.GetArgument<string?>("table"), c.GetArgument<string?>("sku"),
                    JobId(c.GetArgument<string?>("jobId")), c.GetArgument<string?>("reason"), ApiArguments.PageSize(c.GetArgument<int?>("first"), 50), offset);
                return (object)rows.Select((row, i) => new RejectedRowView(row, ApiArguments.OffsetCursor(offset + i + 1))).ToList();
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JobRunType>>>>("jobs")
            .Description("Newest first")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .ResolveAsync(async c => (object)await Api(c).JobsAsync(ApiArguments.PageSize(c.GetArgument<int?>("first"), 20)));

        Field<JobRunType>("job")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await Api(c).JobAsync(JobId(c.GetArgument<string>("id"))!.Value));

        Field<JobRunType>("latestJob").ResolveAsync(async c => await Api(c).LatestJobAsync());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelVersionType>>>>("modelVersions")
            .Description("Newest first; runs use the newest one without brokenReason")
            .ResolveAsync(async c => (object)await Api(c).ModelVersionsAsync());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupThresholdsType>>>>("ruleThresholds")
            .Description("The rule thresholds in force: the global ones first, then each material group's that differ")
            .ResolveAsync(async c => (object)await Api(c).RuleThresholdsAsync());

        IncidentFields();
        AlertFields();
        AccessFields();
    }

    private void AlertFields()
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertSubscriptionType>>>>("alertSubscriptions")
            .Description("Every alert subscription, by name")
            .ResolveAsync(async c => (object)await Api(c).AlertSubscriptionsAsync());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AlertDeliveryType>>>>("alertDeliveries")
            .Description("Messages queued, sent or given up, newest first")
            .Argument<IdGraphType>("subscriptionId")
            .Argument<AlertDeliveryStatusType>("status")
            .Argument<IntGraphType>("first", "50 when omitted, at most 500")
            .ResolveAsync(async c => (object)await Api(c).AlertDeliveriesAsync(
                c.GetArgument<string?>("subscriptionId") is { } id ? AlertArguments.Id(id, "subscriptionId") : null,
                c.GetArgument<AlertDeliveryStatus?>("status"), ApiArguments.PageSize(c.GetArgument<int?>("first"), 50)));
    }

    private void IncidentFields()
    {
        Field<NonNullGraphType<IncidentConnectionType>>("incidents")
            .Description("Incidents, by default the most money at stake first; follow pageInfo.endCursor with after")
            .Argument<IncidentStatusType>("status")
            .SeriesArguments("incidents with a day on or after this", "incidents with a day on or before this")
            .Argument<SeverityType>("minSeverity", "of maxSeverity")
            .Argument<FloatGraphType>("minImpact", "of impactReporting")
            .Argument<BooleanGraphType>("ongoing")
            .Argument<StringGraphType>("assignee")
            .Argument<IncidentOrderType>("orderBy", a => a.DefaultValue = IncidentOrder.ImpactDesc)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var order = c.GetArgument("orderBy", IncidentOrder.ImpactDesc);
                var filter = new IncidentFilter
                {
                    Status = c.GetArgument<IncidentStatus?>("status"),
                    Reason = c.GetArgument<AnomalyReasons?>("reason"),
                    Sku = c.GetArgument<string?>("sku"),
                    SkuPrefix = c.GetArgument<string?>("skuPrefix"),
                    SalesOrg = c.GetArgument<string?>("salesOrg"),
                    CustomerId = c.GetArgument<string?>("customerId"),
                    MaterialGroup = c.GetArgument<string?>("materialGroup"),
                    MinSeverity = c.GetArgument<Severity?>("minSeverity"),
                    MinImpact = ApiArguments.MinImpact(c.GetArgument<double?>("minImpact")),
                    Ongoing = c.GetArgument<bool?>("ongoing"),
                    DtFrom = c.GetArgument<DateOnly?>("dtFrom"),
                    DtTo = c.GetArgument<DateOnly?>("dtTo"),
                    Assignee = c.GetArgument<string?>("assignee"),
                };
                var first = ApiArguments.PageSize(c.GetArgument<int?>("first"), 50);
                var after = ApiArguments.IncidentCursorOrNull(c.GetArgument<string?>("after"), order);
                return (object)new IncidentConnection(await Api(c).IncidentsAsync(filter, order, first, after), order);
            });

        Field<IncidentType>("incident")
            .Description("One incident with its comments and history; null when there is none")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await Api(c).IncidentAsync(ApiArguments.IncidentId(c.GetArgument<string>("id"))) is { } detail ? new IncidentView(detail) : null);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImpactGroupType>>>>("impactSummary")
            .Description("Money at stake on the rows in [dtFrom, dtTo] of the incidents not dismissed, by group, largest first")
            .Argument<DateScalar>("dtFrom")
            .Argument<DateScalar>("dtTo")
            .Argument<ImpactGroupByType>("groupBy", a => a.DefaultValue = ImpactGroupBy.MaterialGroup)
            .ResolveAsync(async c => (object)await Api(c).ImpactSummaryAsync(c.GetArgument<DateOnly?>("dtFrom"), c.GetArgument<DateOnly?>("dtTo"),
                c.GetArgument("groupBy", ImpactGroupBy.MaterialGroup)));
    }

    private void AccessFields()
    {
        Field<NonNullGraphType<CallerType>>("me").Description("Who is asking, and the role the request carries")
            .Resolve(c => Callers.Of(c.User!));

        Field<NonNullGraphType<AuditLogConnectionType>>("auditLog")
            .Description("Who started runs and recomputes, retrained, and changed thresholds, users and tokens; newest first (ADMIN)")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after", "the endCursor of the page before")
            .ResolveAsync(async c =>
            {
                var first = ApiArguments.PageSize(c.GetArgument<int?>("first"), 50);
                var after = c.GetArgument<string?>("after") is { } text
                    ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
                      : throw new ApiArgumentException(ApiArgumentException.BadCursor, $"'{text}' is not an audit log cursor")
                    : (long?)null;
                var entries = await Api(c).AuditLogAsync(first + 1, after);
                return (object)new AuditLogPage([.. entries.Take(first)], entries.Count > first);
            });
    }

    internal static PricingApi Api(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<PricingApi>();

    private static long? JobId(string? id) =>
        id is null ? null
        : long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ApiArgumentException(ApiArgumentException.BadArgument, $"'{id}' is not a job id");
}

internal static class FilterArguments
{
    /// <summary>The filters anomalies and incidents share, with what each one's dates mean.</summary>
    public static FieldBuilder<object?, object> SeriesArguments(this FieldBuilder<object?, object> field, string dtFrom, string dtTo) => field
        .Argument<AnomalyReasonType>("reason")
        .Argument<StringGraphType>("sku", "exact SKU")
        .Argument<StringGraphType>("skuPrefix", "SKUs starting with this")
        .Argument<StringGraphType>("salesOrg")
        .Argument<StringGraphType>("customerId")
        .Argument<StringGraphType>("materialGroup")
        .Argument<DateScalar>("dtFrom", dtFrom)
        .Argument<DateScalar>("dtTo", dtTo);
}
