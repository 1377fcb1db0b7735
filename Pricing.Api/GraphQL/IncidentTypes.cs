using GraphQL.Types;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>An incident as GraphQL hands it out: its history when it was read with it (incident(id), a change), else read when asked.</summary>
public sealed record IncidentView(Incident Incident, List<IncidentEvent>? History)
{
    public IncidentView(IncidentDetail detail) : this(detail.Incident, detail.History) { }
}

/// <summary>One problem an analyst handles (docs/api.md, Incidents).</summary>
public sealed class IncidentType : ObjectGraphType<IncidentView>
{
    public IncidentType()
    {
        Name = "Incident";
        Description = "The anomaly rows of one series and one reason at most Pricing:Incidents:GapDays apart; its id survives runs";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => Id(c.Source.Incident.Id));
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Incident.Sku);
        Field<NonNullGraphType<StringGraphType>>("salesOrg").Resolve(c => c.Source.Incident.SalesOrg);
        Field<NonNullGraphType<StringGraphType>>("customerId").Resolve(c => c.Source.Incident.CustomerId);
        Field<NonNullGraphType<AnomalyReasonType>>("reason").Resolve(c => c.Source.Incident.Reason);
        Field<NonNullGraphType<DateScalar>>("firstDt").Resolve(c => c.Source.Incident.FirstDt);
        Field<NonNullGraphType<DateScalar>>("lastDt").Resolve(c => c.Source.Incident.LastDt);
        Field<NonNullGraphType<IntGraphType>>("days").Description("its anomaly rows").Resolve(c => c.Source.Incident.Days);
        Field<NonNullGraphType<BooleanGraphType>>("ongoing").Description("lastDt is the series' newest day").Resolve(c => c.Source.Incident.Ongoing);
        Field<NonNullGraphType<StringGraphType>>("maxSeverity").Description("CRITICAL, HIGH, MEDIUM or LOW").Resolve(c => c.Source.Incident.MaxSeverity.Name());
        Field<NonNullGraphType<FloatGraphType>>("impact").Description("sum of its rows' impact, in the SKU's currency").Resolve(c => c.Source.Incident.Impact);
        Field<FloatGraphType>("impactReporting").Description("sum of its rows' impactReporting; null when no row has a rate")
            .Resolve(c => c.Source.Incident.ImpactReporting);
        Field<NonNullGraphType<IncidentStatusType>>("status").Resolve(c => c.Source.Incident.Status);
        Field<StringGraphType>("assignee").Resolve(c => c.Source.Incident.Assignee);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IncidentEventType>>>>("comments").Description("oldest first")
            .ResolveAsync(async c => (object)(await HistoryAsync(c)).Where(e => e.Kind == IncidentEventKind.Comment).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IncidentEventType>>>>("history").Description("every change, oldest first")
            .ResolveAsync(async c => (object)await HistoryAsync(c));
    }

    private static async Task<List<IncidentEvent>> HistoryAsync(global::GraphQL.IResolveFieldContext<IncidentView> c) =>
        c.Source.History ?? (await PricingQuery.Api(c).IncidentAsync(c.Source.Incident.Id))?.History ?? [];

    internal static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class IncidentEventType : ObjectGraphType<IncidentEvent>
{
    public IncidentEventType()
    {
        Name = "IncidentEvent";
        Field<NonNullGraphType<StringGraphType>>("at").Resolve(c => JobRunType.Iso(c.Source.At));
        Field<NonNullGraphType<StringGraphType>>("actor").Description("who: a user, a token, or pipeline for a reopening").Resolve(c => c.Source.Actor);
        Field<NonNullGraphType<StringGraphType>>("kind").Description("STATUS, ASSIGNEE, COMMENT or REOPENED").Resolve(c => c.Source.Kind.ToString().ToUpperInvariant());
        Field<StringGraphType>("from").Resolve(c => c.Source.From);
        Field<StringGraphType>("to").Resolve(c => c.Source.To);
        Field<StringGraphType>("text").Description("the comment, the status change's note, or why it reopened").Resolve(c => c.Source.Text);
    }
}

/// <summary>A page of incidents and the cursor of its last one.</summary>
public sealed record IncidentConnection(IncidentPage Page, IncidentOrder Order) : IPageInfo
{
    public bool HasNextPage => Page.HasNextPage;
    public string? EndCursor => Page.Nodes.Count == 0 ? null : IncidentCursor.After(Page.Nodes[^1], Order);
}

public sealed class IncidentConnectionType : ObjectGraphType<IncidentConnection>
{
    public IncidentConnectionType()
    {
        Name = "IncidentConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IncidentType>>>>("nodes").Resolve(c => c.Source.Page.Nodes.Select(i => new IncidentView(i, null)).ToList());
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => (int)c.Source.Page.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
    }
}

public sealed class ImpactGroupType : ObjectGraphType<ImpactGroup>
{
    public ImpactGroupType()
    {
        Name = "ImpactGroup";
        Description = "Incidents not dismissed with a day in the period, of one material group, sales org or reason, and the money at stake on their rows in it";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<IntGraphType>>("incidents").Resolve(c => (int)c.Source.Incidents);
        Field<NonNullGraphType<IntGraphType>>("openIncidents").Resolve(c => (int)c.Source.OpenIncidents);
        Field<NonNullGraphType<FloatGraphType>>("impactReporting")
            .Description("in the reporting currency; by reason the incidents' sums (a row with two reasons counts for both), otherwise each row once").Resolve(c => c.Source.ImpactReporting);
    }
}

public sealed class IncidentStatusType : EnumerationGraphType
{
    public IncidentStatusType()
    {
        Name = "IncidentStatus";
        foreach (var status in Enum.GetValues<IncidentStatus>())
            Add(status.Name(), status);
    }
}

public sealed class IncidentOrderType : EnumerationGraphType
{
    public IncidentOrderType()
    {
        Name = "IncidentOrder";
        Description = "Ties go to the older incident (lower id)";
        Add("IMPACT_DESC", IncidentOrder.ImpactDesc, "most money at stake (reporting currency) first");
        Add("SEVERITY_DESC", IncidentOrder.SeverityDesc, "most severe first");
        Add("NEWEST", IncidentOrder.Newest, "latest lastDt first");
    }
}

public sealed class ImpactGroupByType : EnumerationGraphType
{
    public ImpactGroupByType()
    {
        Name = "ImpactGroupBy";
        Add("MATERIAL_GROUP", ImpactGroupBy.MaterialGroup);
        Add("SALES_ORG", ImpactGroupBy.SalesOrg);
        Add("REASON", ImpactGroupBy.Reason);
    }
}
