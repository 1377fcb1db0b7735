using Pricing.Features;
using Pricing.Storage;

namespace Pricing.Pipeline;

/// <summary>
/// The source's rates into the reporting currency, read once per run on each silo: every batch of a run converts with
/// the same rates, which the run then records (see <see cref="RateConversion"/>).
/// </summary>
public sealed class ReportingRatesCache(SourceStore source, PipelineOptions options)
{
    private readonly Lock _lock = new();
    private (long JobId, Task<ReportingRates> Rates)? _last;

    public Task<ReportingRates> ForJobAsync(long jobId)
    {
        lock (_lock)
        {
            if (_last is not { } last || last.JobId != jobId || last.Rates.IsFaulted)
                _last = (jobId, ReadAsync());
            return _last.Value.Rates;
        }
    }

    private async Task<ReportingRates> ReadAsync() => new(options.ReportingCurrency, await source.ReadExchangeRatesAsync());
}
