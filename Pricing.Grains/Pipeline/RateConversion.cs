using Pricing.Features;
using Pricing.Storage;

namespace Pricing.Pipeline;

/// <summary>
/// Keeps every stored reporting-currency impact exact when exchange rates change or arrive late (docs/architecture.md,
/// Volume and impact). A run's batches convert the rows they write with the run's rates; rows written before were
/// converted with the rates in <c>reporting_rates</c>. At the end of the run the periods whose rate differs between
/// the two are converted again in the database, after the run's rates are recorded there, and the incidents with a
/// day in them summed again. The spans are planned
/// into the run's persisted state first, so a run resumed after a crash converts them all.
/// </summary>
public sealed class RateConversion(SourceStore source, AnalyticsStore analytics, PipelineOptions options)
{
    private const int SkusPerStatement = 500;

    /// <summary>The spans to convert again: the changed periods of each currency, consecutive ones joined.</summary>
    public async Task<List<RateSpan>> PlanAsync(ReportingRates runRates, CancellationToken ct = default)
    {
        var recorded = new ReportingRates(options.ReportingCurrency, await analytics.ConvertedRates.ReadAsync(options.ReportingCurrency, ct));
        return Join(runRates.ChangedSince(recorded));
    }

    internal static List<RateSpan> Join(IEnumerable<RatePeriod> periods)
    {
        var spans = new List<RateSpan>();
        foreach (var period in periods)
        {
            if (spans.Count > 0 && spans[^1] is var last && last.Currency == period.Currency && last.Until == period.From)
                spans[^1] = last with { Until = period.Until, LosesRate = last.LosesRate || period.Rate is null };
            else
                spans.Add(new RateSpan(period.Currency, period.From, period.Until, period.Rate is null));
        }
        return spans;
    }

    /// <summary>Records the run's rates, then converts the planned spans of the rows earlier runs wrote.</summary>
    public async Task ApplyAsync(ReportingRates runRates, IReadOnlyList<RateSpan> spans, long jobId, CancellationToken ct = default)
    {
        await analytics.ConvertedRates.ReplaceAsync(options.ReportingCurrency, runRates.Rates, ct);
        foreach (var currency in spans.GroupBy(s => s.Currency))
        {
            var skus = await source.ReadSkusOfCurrencyAsync(currency.Key, ct);
            foreach (var span in currency)
                foreach (var chunk in skus.Chunk(SkusPerStatement))
                {
                    await analytics.Features.ConvertAgainAsync(chunk, span.Currency, options.ReportingCurrency, span.From, span.Until, jobId, span.LosesRate, ct);
                    await analytics.Incidents.SumReportingAgainAsync(chunk, span.From, span.Until, ct);
                }
        }
    }
}

/// <summary>Days [<see cref="From"/>, <see cref="Until"/>) of a currency whose rate changed; <see cref="LosesRate"/>: some day has none now.</summary>
[GenerateSerializer, Immutable]
public sealed record RateSpan(
    [property: Id(0)] string Currency,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly? Until,
    [property: Id(3)] bool LosesRate);
