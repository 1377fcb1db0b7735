using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Pipeline;

/// <summary>
/// What the pipeline grain persists: the run in progress (its plan and which batches are written) so that a run
/// resumes where it was when its silo died, and the last nightly slot so a night is run once.
/// </summary>
[GenerateSerializer]
public sealed class PipelineRunState
{
    [Id(0)] public long? JobId { get; set; }
    [Id(1)] public JobMode Mode { get; set; }
    [Id(2)] public DateTime? ChangedSince { get; set; }
    [Id(3)] public DateTime? NewWatermark { get; set; }
    [Id(4)] public List<string[]> Batches { get; set; } = [];
    [Id(5)] public HashSet<int> Done { get; set; } = [];
    [Id(6)] public long RowsRead { get; set; }
    [Id(7)] public long RowsRejected { get; set; }
    [Id(8)] public long FeatureRowsWritten { get; set; }
    [Id(9)] public long AnomaliesFound { get; set; }
    [Id(10)] public int SkusDone { get; set; }
    [Id(11)] public DateTimeOffset? LastNightlySlot { get; set; }

    /// <summary>A per-SKU recompute keeps the watermark where it is.</summary>
    [Id(12)] public bool MovesWatermark { get; set; }

    [Id(13)] public StageSeconds Seconds { get; set; } = StageSeconds.Zero;

    /// <summary>The model version that scores this run's rows, fixed when it starts (null: none yet, trained after the features).</summary>
    [Id(14)] public int? ModelVersion { get; set; }

    /// <summary>No model existed when the run started: one is trained after the features, then the batches are scored.</summary>
    [Id(15)] public bool ScoresAfterTraining { get; set; }

    /// <summary>Batches scored after that training.</summary>
    [Id(16)] public HashSet<int> Rescored { get; set; } = [];

    /// <summary>Impacts to convert again with changed exchange rates, planned when the batches are done (null: not yet).</summary>
    [Id(17)] public List<RateSpan>? RateSpans { get; set; }

    /// <summary>Rows this run wrote without an exchange rate for their day.</summary>
    [Id(18)] public long RowsWithoutRate { get; set; }

    public void Clear()
    {
        JobId = null;
        ChangedSince = null;
        NewWatermark = null;
        Batches = [];
        Done = [];
        RowsRead = RowsRejected = FeatureRowsWritten = AnomaliesFound = 0;
        SkusDone = 0;
        MovesWatermark = false;
        Seconds = StageSeconds.Zero;
        ModelVersion = null;
        ScoresAfterTraining = false;
        Rescored = [];
        RateSpans = null;
        RowsWithoutRate = 0;
    }
}
