using Pricing.Model;

namespace Pricing.Storage;

/// <summary>
/// The <c>reporting_rates</c> table: the exchange rates the stored reporting-currency impacts were converted with
/// (docs/architecture.md, Volume and impact). A run compares the source's rates with these to find what to convert again.
/// </summary>
public sealed class ConvertedRates(SqlDatabase database)
{
    public Task<List<ExchangeRate>> ReadAsync(string reportingCurrency, CancellationToken ct = default) =>
        database.ListAsync("SELECT from_currency, to_currency, valid_from, rate FROM reporting_rates WHERE to_currency = @to",
            c => c.Bind("@to", reportingCurrency), r => new ExchangeRate(r.GetString(0), r.GetString(1), r.GetDate(2), r.GetDouble(3)), ct);

    /// <summary>
    /// Replaces the rates into <paramref name="reportingCurrency"/>. Not one transaction on purpose: a run stopped in
    /// between finds fewer rates here than in the source and converts those periods again, which is harmless.
    /// </summary>
    public async Task ReplaceAsync(string reportingCurrency, IEnumerable<ExchangeRate> rates, CancellationToken ct = default)
    {
        await database.ExecuteAsync("DELETE FROM reporting_rates WHERE to_currency = @to", c => c.Bind("@to", reportingCurrency), ct);
        var columns = new BulkColumn<ExchangeRate>[]
        {
            new("from_currency", r => r.FromCurrency), new("to_currency", r => r.ToCurrency), new("valid_from", r => r.ValidFrom), new("rate", r => r.Rate),
        };
        await database.BulkInsertAsync("reporting_rates", columns, rates, OnDuplicate.Replace, ct);
    }
}
