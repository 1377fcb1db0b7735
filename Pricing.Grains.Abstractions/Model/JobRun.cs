namespace Pricing.Model;

public enum JobStatus { Queued, Running, Succeeded, Failed }

/// <summary>What started a run: an operator or script, the nightly reminder, or a recompute of named SKUs.</summary>
public enum JobKind { Manual, Nightly, RecomputeSku }

/// <summary>INCREMENTAL reads the rows changed since the watermark; FULL reads every row of the SKUs it runs.</summary>
public enum JobMode { Incremental, Full }

/// <summary>Where a run is, in order: computing features, training the first model, scoring what it wrote, finishing, done.</summary>
public enum JobStage { Features, Train, Score, Finish, Done }

/// <summary>One pipeline run, manual or nightly, as operators see it on the jobs page.</summary>
[GenerateSerializer, Immutable]
public sealed record JobRun(
    [property: Id(0)] long Id,
    [property: Id(1)] JobKind Kind,
    [property: Id(2)] JobMode Mode,
    [property: Id(3)] string Trigger,
    [property: Id(4)] JobStatus Status,
    [property: Id(5)] DateTime? StartedAt,
    [property: Id(6)] DateTime? FinishedAt,
    [property: Id(7)] JobStage? Stage,
    [property: Id(8)] int SkusDone,
    [property: Id(9)] int SkusTotal,
    [property: Id(10)] long RowsRead,
    [property: Id(11)] long RowsRejected,
    [property: Id(12)] long FeatureRowsWritten,
    [property: Id(13)] long AnomaliesFound,
    [property: Id(14)] int? ModelVersion,
    [property: Id(15)] string? Error,
    [property: Id(16)] DateTime CreatedAt,
    [property: Id(17)] StageSeconds? Seconds = null,
    [property: Id(18)] long RowsWithoutRate = 0);

/// <summary>
/// A trained scoring model as stored in the analytics DB. Listings leave <see cref="ModelBytes"/> empty.
/// A version with a <see cref="BrokenReason"/> failed to load once and is no longer used.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModelVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTime CreatedAt,
    [property: Id(2)] DateOnly? TrainedFrom,
    [property: Id(3)] DateOnly? TrainedTo,
    [property: Id(4)] long RowCount,
    [property: Id(5)] double Threshold,
    [property: Id(6)] string MetricsJson,
    [property: Id(7)] byte[] ModelBytes,
    [property: Id(8)] string? EvaluationJson = null,
    [property: Id(9)] string? BrokenReason = null);
