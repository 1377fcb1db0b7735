using Pricing.Model;

namespace Pricing.Features;

public sealed partial class SkuState
{
    /// <summary>
    /// Prepends source rows for days no longer held, and remembers what was written for the days whose windows reach
    /// back there, so the next <see cref="Apply"/> measures its changes against what the analytics DB holds.
    /// </summary>
    public void AddHistory(SkuHistory history)
    {
        var from = history.From.DayNumber;
        var until = _trimmedBefore; // history covers [from, until)
        if (from >= until)
            return;
        var newest = _origin + _length - 1;
        if (until == NothingHeld)
        {
            // a forgotten state holds no day: the history is all there is, up to its newest row
            newest = LastDay(new SkuBatch(history.Prices, history.Competitors, history.Quantities));
            _highWater = Math.Max(_highWater, newest);
        }
        Cover(from, Math.Max(from, newest));
        foreach (var row in history.Prices)
        {
            var day = row.Dt.DayNumber;
            if (day < from || day >= until)
                continue;
            var series = _series[SeriesFor(row.SalesOrg, row.CustomerId)];
            var reason = RowClassifier.Classify(row, Material);
            var i = Index(day);
            series.Price[i] = reason == RejectReason.None ? row.NetPrice : double.NaN;
            series.Cost[i] = reason == RejectReason.None ? row.UnitCost : double.NaN;
            series.Rejected[i] = reason == RejectReason.None ? UnknownRejection : (byte)reason;
        }
        foreach (var row in history.Competitors)
        {
            var day = row.Dt.DayNumber;
            if (day < from || day >= until)
                continue;
            var competitor = _competitors[CompetitorFor(row.Competitor)];
            var reason = RowClassifier.Classify(row, Material);
            var i = Index(day);
            competitor.Price[i] = reason == RejectReason.None ? row.Price : double.NaN;
            competitor.Rejected[i] = reason == RejectReason.None ? UnknownRejection : (byte)reason;
        }
        foreach (var row in history.Quantities)
        {
            var day = row.Dt.DayNumber;
            if (day < from || day >= until)
                continue;
            var series = _series[SeriesFor(row.SalesOrg, row.CustomerId)];
            var reason = RowClassifier.Classify(row, Material);
            var i = Index(day);
            series.Quantity[i] = reason == RejectReason.None ? row.Quantity : double.NaN;
            series.QuantityRejected[i] = reason == RejectReason.None ? UnknownRejection : (byte)reason;
        }

        _storedBefore = until + LookBackDays;
        _stored = [];
        foreach (var row in history.StoredFeatures)
        {
            var day = row.Dt.DayNumber;
            if (day >= from + LookBackDays && day < _storedBefore)
                _stored[(SeriesFor(row.SalesOrg, row.CustomerId), day)] = FeatureValues.FromRow(row);
        }
        _trimmedBefore = from;
    }

    /// <summary>The features of every held day that are computable from held data, for the UI's live view.</summary>
    public List<FeatureRow> CurrentFeatures()
    {
        var rows = new List<FeatureRow>();
        var compMin = CompMinCache();
        var first = _trimmedBefore == int.MinValue ? 0 : Math.Max(0, Index(_trimmedBefore + LookBackDays));
        foreach (var series in _series)
            for (var i = first; i < _length; i++)
                if (!double.IsNaN(series.Price[i]))
                    rows.Add(FeatureMath.Compute(Rules, series.Price, series.Cost, series.Quantity, CompMin(compMin, i), i)
                        .ToRow(Sku, series.SalesOrg, series.CustomerId, DateOnly.FromDayNumber(_origin + i)));
        return rows;
    }
}
