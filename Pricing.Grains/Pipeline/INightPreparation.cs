namespace Pricing.Pipeline;

/// <summary>
/// Work that makes the next night faster and changes no data, done after each run that succeeded and after a
/// silo's start (docs/architecture.md, After a restart). Registered by the silo's warm-up; the pipeline knows
/// only that there may be some.
/// </summary>
public interface INightPreparation
{
    Task PrepareAsync(CancellationToken ct);
}
