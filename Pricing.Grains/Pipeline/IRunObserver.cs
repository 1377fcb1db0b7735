namespace Pricing.Pipeline;

/// <summary>
/// Work that follows each run that succeeded and that the pipeline does not own (alerts, registered by the silo's
/// hosting). Not awaited by the run; the pipeline knows only that there may be some.
/// </summary>
public interface IRunObserver
{
    Task RunSucceededAsync(long jobId, CancellationToken ct);
}
