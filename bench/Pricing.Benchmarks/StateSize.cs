using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pricing.Features;
using Pricing.Model;
using Pricing.Sku;

namespace Pricing.Benchmarks;

/// <summary>Bytes of persisted SKU grain state, as Orleans' binary serializer writes it to grain storage.</summary>
public static class StateSize
{
    public static void Print()
    {
        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(SkuGrainState).Assembly)).BuildServiceProvider()
            .GetRequiredService<Serializer<SkuGrainState>>();
        Console.WriteLine("series | competitors | history days | state bytes | bytes per series");
        foreach (var (series, competitors, days) in new[] { (1, 0, 365), (4, 3, 120), (4, 3, 365), (4, 3, 2000), (50, 5, 365), (300, 5, 365) })
        {
            var state = new SkuState("S", new Material("S", "x", "G", "EA", "EUR"), RuleThresholds.Default);
            var prices = from d in Enumerable.Range(0, days) from s in Enumerable.Range(0, series)
                         select new PriceRow("S", "1000", $"C{s:D6}", new DateOnly(2025, 1, 1).AddDays(d), 10 + (d + s) % 9, 6, "EUR", default);
            var snapshots = from d in Enumerable.Range(0, days) from c in Enumerable.Range(0, competitors)
                            select new CompetitorRow("S", $"Competitor {c}", new DateOnly(2025, 1, 1).AddDays(d), 11, "EUR", default);
            state.Apply(new SkuBatch([.. prices], [.. snapshots]), new SkuChanges());
            var bytes = serializer.SerializeToArray(new SkuGrainState { Window = state.ToSnapshot(), Version = 1 }).Length;
            Console.WriteLine($"{series,6} | {competitors,11} | {days,12} | {bytes,11:N0} | {bytes / series,16:N0}");
        }
    }
}
