using Pricing.Model;

namespace Pricing.Grains;

public static class PipelineCatalog
{
    /// <summary>The one catalog of a deployment (the pipeline grain's key).</summary>
    public const string Default = "default";
}

/// <summary>
/// The pipeline of one catalog (key = catalog name, "default"): runs the ETL incrementally or in full, one run at a time.
/// </summary>
public interface IPipelineGrain : IGrainWithStringKey
{
    /// <summary>Starts a run and returns at once; while a run is going, returns that run instead.</summary>
    ValueTask<JobRun> Start(JobMode mode, JobKind kind, string trigger);

    /// <summary>Recomputes the given SKUs from the source, replacing their analytics rows, as a job run of its own.</summary>
    ValueTask<JobRun> RecomputeSkus(string[] skus, string trigger);

    /// <summary>
    /// Sets a material group's threshold overrides (<see cref="RuleOverride.None"/>: back to the configuration) and
    /// starts the recompute of the group's SKUs that flags them with the new thresholds. Refused while a run is
    /// going (InvalidOperationException), so that no change waits unapplied; ArgumentException for an unknown group
    /// or inconsistent thresholds, and then nothing is saved.
    /// </summary>
    ValueTask<ThresholdChange> ChangeThresholds(string materialGroup, RuleOverride values, string trigger);

    /// <summary>The run in progress, or null.</summary>
    ValueTask<JobRun?> Current();

    /// <summary>Any job run of this catalog, finished or not.</summary>
    ValueTask<JobRun?> Job(long id);
}

/// <summary>A stateless worker, on every silo: reads the source rows of a batch of SKUs, calls their grains, writes in bulk.</summary>
public interface IBatchWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Minutes, not Orleans' default 30 s: a full batch reads and writes hundreds of thousands of rows, and on SQLite
    /// it may wait for the other batches' writes. A dead silo still fails the call at once.
    /// </summary>
    [ResponseTimeout("00:15:00")]
    ValueTask<BatchResult> Process(BatchOrder order);

    /// <summary>Scores the stored rows of these SKUs that no model has scored yet (a run that had to train its first model).</summary>
    [ResponseTimeout("00:15:00")]
    ValueTask<BatchResult> Rescore(long jobId, string[] skus, int modelVersion);

    /// <summary>Derives every incident of these SKUs from their stored anomaly rows.</summary>
    [ResponseTimeout("00:15:00")]
    ValueTask DeriveIncidents(string[] skus);
}

/// <summary>One batch of a run for a worker; a FULL batch flags with rule thresholds at least of <c>RulesVersion</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchOrder(
    [property: Id(0)] long JobId,
    [property: Id(1)] string[] Skus,
    [property: Id(2)] JobMode Mode,
    [property: Id(3)] DateTime? ChangedSince,
    [property: Id(4)] int? ModelVersion,
    [property: Id(5)] long RulesVersion = 0);

[GenerateSerializer, Immutable]
public sealed record BatchResult(
    [property: Id(0)] int Skus,
    [property: Id(1)] long RowsRead,
    [property: Id(2)] long RowsRejected,
    [property: Id(3)] long FeatureRowsWritten,
    [property: Id(4)] long AnomaliesFound,
    [property: Id(5)] StageSeconds Seconds,
    [property: Id(6)] long RowsWithoutRate = 0);
