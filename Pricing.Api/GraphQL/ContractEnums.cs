using GraphQL.Types;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>The enums of docs/api.md with their exact value names, mapped onto the grid's own enums.</summary>
public sealed class AnomalyReasonType : EnumerationGraphType
{
    public AnomalyReasonType()
    {
        Name = "AnomalyReason";
        foreach (var (reason, name) in ReasonNames.All)
            Add(name, reason);
    }
}

public sealed class JobStatusType : EnumerationGraphType
{
    public JobStatusType()
    {
        Name = "JobStatus";
        foreach (var status in Enum.GetValues<JobStatus>())
            Add(status.Name(), status);
    }
}

/// <summary>The modes of a run: <c>PipelineMode</c> as runPipeline takes it, <c>JobMode</c> as a job reports it.</summary>
public abstract class ModeType : EnumerationGraphType
{
    protected ModeType(string name)
    {
        Name = name;
        foreach (var mode in Enum.GetValues<JobMode>())
            Add(mode.Name(), mode);
    }
}

public sealed class PipelineModeType() : ModeType("PipelineMode");

public sealed class JobModeType() : ModeType("JobMode");

public sealed class JobStageType : EnumerationGraphType
{
    public JobStageType()
    {
        Name = "JobStage";
        Description = "Where a run is, in order: FEATURES, TRAIN (a first model), SCORE (what it wrote, with that model), FINISH, DONE";
        foreach (var stage in Enum.GetValues<JobStage>())
            Add(stage.Name().ToUpperInvariant(), stage);
    }
}

public sealed class AnomalyOrderType : EnumerationGraphType
{
    public AnomalyOrderType()
    {
        Name = "AnomalyOrder";
        Description = "Each order breaks ties by date descending, then sku, salesOrg, customerId";
        Add("DATE_DESC", AnomalyOrder.DateDesc, "newest first (the contract order)");
        Add("SEVERITY_DESC", AnomalyOrder.SeverityDesc, "most severe first");
        Add("ML_SCORE_DESC", AnomalyOrder.MlScoreDesc, "highest ML score first (scored rows)");
    }
}

/// <summary>Severity levels (docs/architecture.md, Reasons and severity), lowest first; used as a filter.</summary>
public sealed class SeverityType : EnumerationGraphType
{
    public SeverityType()
    {
        Name = "Severity";
        foreach (var severity in new[] { Severity.Low, Severity.Medium, Severity.High, Severity.Critical })
            Add(severity.Name(), severity);
    }
}
