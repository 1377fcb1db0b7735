using Pricing.Model;

namespace Pricing.Features;

/// <summary>Applying a batch: old features of the touched days, the rows, new features, the difference.</summary>
public sealed partial class SkuState
{
    // Scratch reused across calls on the same thread, so the hot path allocates nothing per row.
    [ThreadStatic] private static List<Touched>? t_touched;
    [ThreadStatic] private static bool[]? t_marks;
    [ThreadStatic] private static double[]? t_compMin;
    [ThreadStatic] private static int[]? t_priceSeries;      // series index of each price row of the batch
    [ThreadStatic] private static int[]? t_rowCompetitor;    // competitor index of each competitor row
    [ThreadStatic] private static int[]? t_quantitySeries;   // series index of each billed quantity
    private int _touchedFrom, _touchedTo;                    // window range the touched cells span

    private struct Touched
    {
        public int Series;
        public int Index;
        public bool HadRow;
        public FeatureValues Old;
    }

    /// <summary>
    /// Applies a batch and writes into <paramref name="changes"/> every feature row that now differs from before
    /// (new, changed or gone), every bad row, and every rejection a correction withdrew.
    /// </summary>
    public void Apply(SkuBatch batch, SkuChanges changes)
    {
        if (HistoryNeededFrom(batch) is { } from)
            throw new InvalidOperationException($"{Sku}: the batch reaches back to {DateOnly.FromDayNumber(FirstDay(batch)):yyyy-MM-dd}; load history from {from:yyyy-MM-dd} first");
        changes.RowsRead += batch.Count;
        if (batch.Count == 0)
            return;

        var first = FirstDay(batch);
        var last = LastDay(batch);
        Cover(first - LookBackDays, last);
        // Resolve each row's series and competitor once: the lookups hash strings and would otherwise repeat per pass.
        var priceSeries = Scratch(ref t_priceSeries, batch.Prices.Count);
        for (var r = 0; r < batch.Prices.Count; r++)
            priceSeries[r] = SeriesFor(batch.Prices[r].SalesOrg, batch.Prices[r].CustomerId);
        var rowCompetitor = Scratch(ref t_rowCompetitor, batch.Competitors.Count);
        for (var r = 0; r < batch.Competitors.Count; r++)
            rowCompetitor[r] = CompetitorFor(batch.Competitors[r].Competitor);
        var quantitySeries = Scratch(ref t_quantitySeries, batch.Quantities.Count);
        for (var r = 0; r < batch.Quantities.Count; r++)
            quantitySeries[r] = SeriesFor(batch.Quantities[r].SalesOrg, batch.Quantities[r].CustomerId);

        var touched = t_touched ??= new List<Touched>(256);
        touched.Clear();
        MarkTouched(batch, touched);
        ComputeOld(touched);
        Write(batch, changes);
        EmitDifferences(touched, changes);
        _highWater = Math.Max(_highWater, last);
        _stored = null;
        _storedBefore = int.MinValue;
        Trim();
    }

    /// <summary>
    /// Every (series, day) whose features a row of the batch can change: 14 days after a price row, 6 after a
    /// competitor row, 27 after a billed quantity (the volume of days without one).
    /// </summary>
    private void MarkTouched(SkuBatch batch, List<Touched> touched)
    {
        // Only the span [from, to] of the window that some row reaches is marked and scanned: a nightly batch
        // touches the last day alone, and the work must not grow with the window.
        int from = int.MaxValue, to = -1;
        for (var r = 0; r < batch.Prices.Count; r++)
        {
            var i = Index(batch.Prices[r].Dt.DayNumber);
            (from, to) = (Math.Min(from, i), Math.Max(to, Math.Min(_length - 1, i + FeatureMath.ChangeToDays)));
        }
        for (var r = 0; r < batch.Competitors.Count; r++)
        {
            var i = Index(batch.Competitors[r].Dt.DayNumber);
            (from, to) = (Math.Min(from, i), Math.Max(to, Math.Min(_length - 1, i + FeatureMath.CompetitorDays - 1)));
        }
        for (var r = 0; r < batch.Quantities.Count; r++)
        {
            var i = Index(batch.Quantities[r].Dt.DayNumber);
            (from, to) = (Math.Min(from, i), Math.Max(to, Math.Min(_length - 1, i + FeatureMath.QuantityDays - 1)));
        }
        (_touchedFrom, _touchedTo) = (from, to);
        var span = to - from + 1;
        var size = _series.Count * span;
        if (t_marks is null || t_marks.Length < size)
            t_marks = new bool[Math.Max(size, 1024)];
        var marks = t_marks;
        Array.Clear(marks, 0, size);

        var priceSeries = t_priceSeries!;
        for (var r = 0; r < batch.Prices.Count; r++)
        {
            var i = Index(batch.Prices[r].Dt.DayNumber);
            Array.Fill(marks, true, priceSeries[r] * span + i - from, Math.Min(FeatureMath.ChangeToDays, _length - 1 - i) + 1);
        }
        for (var r = 0; r < batch.Competitors.Count; r++)
        {
            var i = Index(batch.Competitors[r].Dt.DayNumber);
            var count = Math.Min(FeatureMath.CompetitorDays - 1, _length - 1 - i) + 1;
            for (var s = 0; s < _series.Count; s++)
                Array.Fill(marks, true, s * span + i - from, count);
        }
        var quantitySeries = t_quantitySeries!;
        for (var r = 0; r < batch.Quantities.Count; r++)
        {
            var i = Index(batch.Quantities[r].Dt.DayNumber);
            Array.Fill(marks, true, quantitySeries[r] * span + i - from, Math.Min(FeatureMath.QuantityDays - 1, _length - 1 - i) + 1);
        }
        for (var s = 0; s < _series.Count; s++)
            for (var k = 0; k < span; k++)
                if (marks[s * span + k])
                    touched.Add(new Touched { Series = s, Index = from + k });
    }

    private void ComputeOld(List<Touched> touched)
    {
        var compMin = CompMinCache(_touchedFrom, _touchedTo);
        for (var k = 0; k < touched.Count; k++)
        {
            var t = touched[k];
            var day = _origin + t.Index;
            if (day < _storedBefore)
            {
                t.HadRow = _stored!.TryGetValue((t.Series, day), out t.Old);
            }
            else
            {
                var series = _series[t.Series];
                t.HadRow = !double.IsNaN(series.Price[t.Index]);
                if (t.HadRow)
                    t.Old = FeatureMath.Compute(Rules, series.Price, series.Cost, series.Quantity, CompMin(compMin, t.Index), t.Index);
            }
            touched[k] = t;
        }
    }

    private void Write(SkuBatch batch, SkuChanges changes)
    {
        for (var r = 0; r < batch.Prices.Count; r++)
        {
            var row = batch.Prices[r];
            var series = _series[t_priceSeries![r]];
            var i = Index(row.Dt.DayNumber);
            var reason = RowClassifier.Classify(row, Material);
            if (reason == RejectReason.None)
            {
                if (series.Rejected[i] != NoRejection)
                    changes.Withdrawn.Add(RowClassifier.Rejection(row, RejectReason.None));
                series.Price[i] = row.NetPrice;
                series.Cost[i] = row.UnitCost;
                series.Rejected[i] = NoRejection;
            }
            else
            {
                changes.Rejections.Add(RowClassifier.Rejection(row, reason));
                series.Price[i] = double.NaN;
                series.Cost[i] = double.NaN;
                series.Rejected[i] = (byte)reason;
            }
        }
        for (var r = 0; r < batch.Competitors.Count; r++)
        {
            var row = batch.Competitors[r];
            var competitor = _competitors[t_rowCompetitor![r]];
            var i = Index(row.Dt.DayNumber);
            var reason = RowClassifier.Classify(row, Material);
            if (reason == RejectReason.None)
            {
                if (competitor.Rejected[i] != NoRejection)
                    changes.Withdrawn.Add(RowClassifier.Rejection(row, RejectReason.None));
                competitor.Price[i] = row.Price;
                competitor.Rejected[i] = NoRejection;
            }
            else
            {
                changes.Rejections.Add(RowClassifier.Rejection(row, reason));
                competitor.Price[i] = double.NaN;
                competitor.Rejected[i] = (byte)reason;
            }
        }
        for (var r = 0; r < batch.Quantities.Count; r++)
        {
            var row = batch.Quantities[r];
            var series = _series[t_quantitySeries![r]];
            var i = Index(row.Dt.DayNumber);
            var reason = RowClassifier.Classify(row, Material);
            if (reason == RejectReason.None && series.QuantityRejected[i] != NoRejection)
                changes.Withdrawn.Add(RowClassifier.Rejection(row, RejectReason.None));
            else if (reason != RejectReason.None)
                changes.Rejections.Add(RowClassifier.Rejection(row, reason));
            series.Quantity[i] = reason == RejectReason.None ? row.Quantity : double.NaN;
            series.QuantityRejected[i] = (byte)reason;
        }
    }

    private void EmitDifferences(List<Touched> touched, SkuChanges changes)
    {
        var compMin = CompMinCache(_touchedFrom, _touchedTo);
        for (var k = 0; k < touched.Count; k++)
        {
            var t = touched[k];
            var series = _series[t.Series];
            var hasRow = !double.IsNaN(series.Price[t.Index]);
            var dt = DateOnly.FromDayNumber(_origin + t.Index);
            if (!hasRow)
            {
                if (t.HadRow)
                    changes.Deletes.Add(new FeatureKey(Sku, series.SalesOrg, series.CustomerId, dt));
                continue;
            }
            var now = FeatureMath.Compute(Rules, series.Price, series.Cost, series.Quantity, CompMin(compMin, t.Index), t.Index);
            if (!t.HadRow || !now.Equals(t.Old))
                changes.Upserts.Add(now.ToRow(Sku, series.SalesOrg, series.CustomerId, dt));
        }
    }

    /// <summary>Competitor minimum per window day, computed at most once per day and pass (all series share it).</summary>
    private double[] CompMinCache(int from = 0, int to = -1)
    {
        if (to < 0)
            to = _length - 1;
        if (t_compMin is null || t_compMin.Length < _length)
            t_compMin = new double[Math.Max(_length, 1024)];
        Array.Fill(t_compMin, double.PositiveInfinity, from, to - from + 1); // +inf: not computed yet
        return t_compMin;
    }

    private static int[] Scratch(ref int[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new int[Math.Max(length, 256)];
        return buffer;
    }

    private double CompMin(double[] cache, int i)
    {
        var value = cache[i];
        if (double.IsPositiveInfinity(value))
            cache[i] = value = FeatureMath.CompetitorMin(_competitorPrices, i);
        return value;
    }

    private static int FirstDay(SkuBatch batch)
    {
        var first = int.MaxValue;
        for (var r = 0; r < batch.Prices.Count; r++)
            first = Math.Min(first, batch.Prices[r].Dt.DayNumber);
        for (var r = 0; r < batch.Competitors.Count; r++)
            first = Math.Min(first, batch.Competitors[r].Dt.DayNumber);
        for (var r = 0; r < batch.Quantities.Count; r++)
            first = Math.Min(first, batch.Quantities[r].Dt.DayNumber);
        return first;
    }

    private static int LastDay(SkuBatch batch)
    {
        var last = int.MinValue;
        for (var r = 0; r < batch.Prices.Count; r++)
            last = Math.Max(last, batch.Prices[r].Dt.DayNumber);
        for (var r = 0; r < batch.Competitors.Count; r++)
            last = Math.Max(last, batch.Competitors[r].Dt.DayNumber);
        for (var r = 0; r < batch.Quantities.Count; r++)
            last = Math.Max(last, batch.Quantities[r].Dt.DayNumber);
        return last;
    }
}
