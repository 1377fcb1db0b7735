using Pricing.Model;

namespace Pricing.Features;

public sealed partial class SkuState
{
    public SkuSnapshot ToSnapshot() => new(
        _origin, _length, _highWater, _trimmedBefore,
        [.. _series.Select(s => new SeriesSnapshot(s.SalesOrg, s.CustomerId, s.Price[.._length], s.Cost[.._length], s.Rejected[.._length],
            s.Quantity[.._length], s.QuantityRejected[.._length]))],
        [.. _competitors.Select(c => new CompetitorSnapshot(c.Name, c.Price[.._length], c.Rejected[.._length]))]);

    /// <summary>An independent copy: what is applied to it leaves this state as it is.</summary>
    public SkuState Copy() => FromSnapshot(Sku, Material, Rules, ToSnapshot());

    public static SkuState FromSnapshot(string sku, Material? material, RuleThresholds rules, SkuSnapshot snapshot)
    {
        var state = new SkuState(sku, material, rules)
        {
            _origin = snapshot.Origin,
            _length = snapshot.Length,
            _capacity = Capacity(snapshot.Length),
            _highWater = snapshot.HighWater,
            _trimmedBefore = snapshot.TrimmedBefore,
        };
        foreach (var s in snapshot.Series)
        {
            var cells = state._series[state.SeriesFor(s.SalesOrg, s.CustomerId)];
            s.Price.CopyTo(cells.Price, 0);
            s.Cost.CopyTo(cells.Cost, 0);
            s.Rejected.CopyTo(cells.Rejected, 0);
            s.Quantity?.CopyTo(cells.Quantity, 0);
            s.QuantityRejected?.CopyTo(cells.QuantityRejected, 0);
        }
        foreach (var c in snapshot.Competitors)
        {
            var cells = state._competitors[state.CompetitorFor(c.Name)];
            c.Price.CopyTo(cells.Price, 0);
            c.Rejected.CopyTo(cells.Rejected, 0);
        }
        return state;
    }
}
