namespace Pricing.Features;

/// <summary>The held window: growing it to take new rows, trimming it to stay bounded.</summary>
public sealed partial class SkuState
{
    private int Index(int day) => day - _origin;

    private int SeriesFor(string salesOrg, string customerId)
    {
        if (_seriesIndex.TryGetValue((salesOrg, customerId), out var s))
            return s;
        var cells = new SeriesCells(salesOrg, customerId)
        {
            Price = NaNs(_capacity), Cost = NaNs(_capacity), Rejected = new byte[_capacity],
            Quantity = NaNs(_capacity), QuantityRejected = new byte[_capacity],
        };
        _series.Add(cells);
        return _seriesIndex[(salesOrg, customerId)] = _series.Count - 1;
    }

    private int CompetitorFor(string name)
    {
        if (_competitorIndex.TryGetValue(name, out var c))
            return c;
        var cells = new CompetitorCells(name) { Price = NaNs(_capacity), Rejected = new byte[_capacity] };
        _competitors.Add(cells);
        _competitorPrices.Add(cells.Price);
        return _competitorIndex[name] = _competitors.Count - 1;
    }

    /// <summary>Makes the window hold at least the days [<paramref name="from"/>, <paramref name="to"/>].</summary>
    private void Cover(int from, int to)
    {
        if (_length == 0)
        {
            Reallocate(from, to - from + 1);
            return;
        }
        var newOrigin = Math.Min(_origin, from);
        var newEnd = Math.Max(_origin + _length - 1, to);
        if (newOrigin == _origin && newEnd - _origin < _capacity)
        {
            _length = newEnd - _origin + 1;
            return;
        }
        Reallocate(newOrigin, newEnd - newOrigin + 1);
    }

    /// <summary>Drops held days that no late row within the margin can reach any more.</summary>
    private void Trim()
    {
        var keepFrom = _highWater - HeldDays + 1;
        if (_length == 0 || keepFrom <= _origin + TrimSlackDays)
            return;
        var end = _origin + _length;
        _trimmedBefore = Math.Max(_trimmedBefore, keepFrom);
        if (keepFrom >= end)
        {
            Reallocate(keepFrom, 1);
            return;
        }
        var shift = keepFrom - _origin;
        var length = end - keepFrom;
        if (_capacity > 2 * Capacity(HeldDays + TrimSlackDays))
        {
            Reallocate(keepFrom, length); // release what a full recompute or a long history needed
            return;
        }
        foreach (var s in _series)
        {
            ShiftLeft(s.Price, s.Cost, s.Rejected, shift, _length);
            ShiftLeft(s.Quantity, null, s.QuantityRejected, shift, _length);
        }
        foreach (var c in _competitors)
            ShiftLeft(c.Price, null, c.Rejected, shift, _length);
        _origin = keepFrom;
        _length = length;
    }

    private void Reallocate(int newOrigin, int newLength)
    {
        var capacity = Capacity(newLength);
        var offset = _origin - newOrigin;
        foreach (var s in _series)
        {
            s.Price = Move(s.Price, offset, capacity, double.NaN);
            s.Cost = Move(s.Cost, offset, capacity, double.NaN);
            s.Rejected = Move(s.Rejected, offset, capacity, NoRejection);
            s.Quantity = Move(s.Quantity, offset, capacity, double.NaN);
            s.QuantityRejected = Move(s.QuantityRejected, offset, capacity, NoRejection);
        }
        for (var c = 0; c < _competitors.Count; c++)
        {
            _competitors[c].Price = Move(_competitors[c].Price, offset, capacity, double.NaN);
            _competitors[c].Rejected = Move(_competitors[c].Rejected, offset, capacity, NoRejection);
            _competitorPrices[c] = _competitors[c].Price;
        }
        _origin = newOrigin;
        _length = newLength;
        _capacity = capacity;
    }

    private T[] Move<T>(T[] old, int offset, int capacity, T empty)
    {
        var moved = new T[capacity];
        Array.Fill(moved, empty);
        // copy the overlap of the old window [0, _length) shifted by offset into [0, capacity)
        var from = Math.Max(0, -offset);
        var to = Math.Min(_length, capacity - offset);
        if (to > from)
            Array.Copy(old, from, moved, from + offset, to - from);
        return moved;
    }

    private static void ShiftLeft(double[] price, double[]? cost, byte[] rejected, int shift, int length)
    {
        var keep = length - shift;
        Array.Copy(price, shift, price, 0, keep);
        Array.Fill(price, double.NaN, keep, shift);
        if (cost is not null)
        {
            Array.Copy(cost, shift, cost, 0, keep);
            Array.Fill(cost, double.NaN, keep, shift);
        }
        Array.Copy(rejected, shift, rejected, 0, keep);
        Array.Fill(rejected, NoRejection, keep, shift);
    }

    private static int Capacity(int length) => Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)length));

    private static double[] NaNs(int length)
    {
        var array = new double[length];
        Array.Fill(array, double.NaN);
        return array;
    }
}
