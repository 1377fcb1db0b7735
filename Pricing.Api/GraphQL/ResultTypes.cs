using GraphQL.Types;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>A page of anomalies as the gateway hands it to GraphQL: the grain's page plus the cursor of its last row.</summary>
public sealed record AnomalyConnection(AnomalyPage Page, AnomalyOrder Order) : IPageInfo
{
    public bool HasNextPage => Page.HasNextPage;
    public string? EndCursor => Page.Nodes.Count == 0 ? null : AnomalyCursor.After(Page.Nodes[^1], Order);
}

public sealed class AnomalyConnectionType : ObjectGraphType<AnomalyConnection>
{
    public AnomalyConnectionType()
    {
        Name = "AnomalyConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AnomalyType>>>>("nodes")
            .Resolve(c => c.Source.Page.Nodes.Select(r => new Anomaly(r, c.Source.Page.ThresholdsBySku[r.Sku])).ToList());
        Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => (int)c.Source.Page.TotalCount);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => c.Source);
    }
}

/// <summary>What a page of a connection says about the next one.</summary>
public interface IPageInfo
{
    bool HasNextPage { get; }
    string? EndCursor { get; }
}

public sealed class PageInfoType : ObjectGraphType<IPageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
    }
}

public sealed class ReasonCountType : ObjectGraphType<ReasonCount>
{
    public ReasonCountType()
    {
        Name = "ReasonCount";
        Field<NonNullGraphType<AnomalyReasonType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(c => (int)c.Source.Count);
    }
}

public sealed class JobRunType : ObjectGraphType<JobRun>
{
    public JobRunType()
    {
        Name = "JobRun";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("kind").Description("nightly, manual or recompute_sku").Resolve(c => c.Source.Kind.Name());
        Field<NonNullGraphType<JobModeType>>("mode").Resolve(c => c.Source.Mode);
        Field<NonNullGraphType<StringGraphType>>("trigger").Description("who or what started the run").Resolve(c => c.Source.Trigger);
        Field<NonNullGraphType<JobStatusType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("createdAt").Resolve(c => Iso(c.Source.CreatedAt));
        Field<StringGraphType>("startedAt").Resolve(c => Iso(c.Source.StartedAt));
        Field<StringGraphType>("finishedAt").Resolve(c => Iso(c.Source.FinishedAt));
        Field<FloatGraphType>("durationSeconds").Resolve(c => (c.Source.FinishedAt - c.Source.StartedAt)?.TotalSeconds);
        Field<JobStageType>("stage").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<IntGraphType>>("skusDone").Resolve(c => c.Source.SkusDone);
        Field<NonNullGraphType<IntGraphType>>("skusTotal").Resolve(c => c.Source.SkusTotal);
        Field<NonNullGraphType<IntGraphType>>("rowsRead").Resolve(c => (int)c.Source.RowsRead);
        Field<NonNullGraphType<IntGraphType>>("rowsRejected").Resolve(c => (int)c.Source.RowsRejected);
        Field<NonNullGraphType<IntGraphType>>("featureRowsWritten").Resolve(c => (int)c.Source.FeatureRowsWritten);
        Field<NonNullGraphType<IntGraphType>>("anomaliesFound").Resolve(c => (int)c.Source.AnomaliesFound);
        Field<NonNullGraphType<IntGraphType>>("rowsWithoutRate").Description("Feature rows written without an exchange rate into the reporting currency")
            .Resolve(c => (int)c.Source.RowsWithoutRate);
        Field<IntGraphType>("modelVersion").Resolve(c => c.Source.ModelVersion);
        Field<StringGraphType>("error").Resolve(c => c.Source.Error);
    }

    internal static string? Iso(DateTime? value) =>
        value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>A rejected row and the cursor that continues after it.</summary>
public sealed record RejectedRowView(RejectedRow Row, string Cursor);

public sealed class RejectedRowType : ObjectGraphType<RejectedRowView>
{
    public RejectedRowType()
    {
        Name = "RejectedRow";
        Field<NonNullGraphType<StringGraphType>>("table").Resolve(c => c.Source.Row.Table);
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Row.Sku);
        Field<StringGraphType>("salesOrg").Resolve(c => c.Source.Row.SalesOrg);
        Field<StringGraphType>("customerId").Resolve(c => c.Source.Row.CustomerId);
        Field<StringGraphType>("competitor").Resolve(c => c.Source.Row.Competitor);
        Field<NonNullGraphType<DateScalar>>("dt").Resolve(c => c.Source.Row.Dt);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Row.Reason.Code());
        Field<IdGraphType>("jobId").Resolve(c => c.Source.Row.JobId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("pass as after for the rows that follow this one").Resolve(c => c.Source.Cursor);
    }
}

public sealed class ModelVersionType : ObjectGraphType<ModelVersion>
{
    public ModelVersionType()
    {
        Name = "ModelVersion";
        Field<NonNullGraphType<IntGraphType>>("version").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => JobRunType.Iso(c.Source.CreatedAt));
        Field<DateScalar>("trainedFrom").Resolve(c => c.Source.TrainedFrom);
        Field<DateScalar>("trainedTo").Resolve(c => c.Source.TrainedTo);
        Field<NonNullGraphType<IntGraphType>>("rowCount").Resolve(c => (int)c.Source.RowCount);
        Field<NonNullGraphType<FloatGraphType>>("threshold").Description("mlScore at or above which a row is ML_OUTLIER").Resolve(c => c.Source.Threshold);
        Field<NonNullGraphType<StringGraphType>>("metricsJson").Resolve(c => c.Source.MetricsJson);
        Field<StringGraphType>("evaluationJson").Description("Pricing.Silo evaluate's report against the seed labels").Resolve(c => c.Source.EvaluationJson);
        Field<StringGraphType>("brokenReason").Description("why the version was set aside, if it was").Resolve(c => c.Source.BrokenReason);
    }
}
