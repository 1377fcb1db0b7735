namespace Pricing.Scoring;

/// <summary>When and on what the model is trained (configuration section <c>Pricing:Scoring</c>).</summary>
public sealed record ScoringOptions
{
    /// <summary>A new version is trained when the latest is this old (weekly by default).</summary>
    public TimeSpan RetrainEvery { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Training uses the feature rows of the last this many days before the latest date.</summary>
    public int TrainingDays { get; init; } = 90;

    /// <summary>At most this many rows are trained on (every k-th row in key order beyond it).</summary>
    public int MaxTrainingRows { get; init; } = 200_000;

    /// <summary>How often the trainer's reminder checks whether a retrain is due.</summary>
    public TimeSpan TickPeriod { get; init; } = TimeSpan.FromHours(1);
}
