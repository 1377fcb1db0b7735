using Microsoft.Extensions.Logging;
using Pricing.Model;

namespace Pricing.Pipeline;

/// <summary>What the pipeline logs, source-generated (no boxing or parsing per batch); event ids 1000-1099.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Job {JobId} succeeded in {Wall}; per stage, summed over batches: {Seconds}")]
    public static partial void JobSucceeded(this ILogger logger, long jobId, TimeSpan? wall, StageSeconds seconds);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Job {JobId} failed")]
    public static partial void JobFailed(this ILogger logger, Exception error, long jobId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Batch {Batch} of job {JobId} failed in stage {Stage} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void BatchRetrying(this ILogger logger, Exception error, int batch, long? jobId, JobStage stage, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Could not prepare the next night; only its speed is at stake")]
    public static partial void NightPreparationFailed(this ILogger logger, Exception error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{Observer} failed after job {JobId}; its own schedule catches up")]
    public static partial void RunObserverFailed(this ILogger logger, Exception error, string observer, long jobId);
}
