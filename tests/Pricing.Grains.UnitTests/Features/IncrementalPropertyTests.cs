using Pricing.Features;
using Pricing.Model;

namespace Pricing.Tests.Features;

/// <summary>
/// The central property: whatever the sequence of batches (new days, late rows, corrections, rows turning bad or
/// good, competitor changes, billed quantities arriving, late or corrected, batches reaching back past the held window, the held state lost as a SKU grain whose
/// state is kept in memory loses it in a restart), the features after each batch equal a
/// full recompute of the source at that point, and each batch reports exactly the difference.
/// </summary>
public class IncrementalPropertyTests
{
    private static readonly Material Material = new("P001", "Test item", "TOOL02", "EA", "EUR");
    private static readonly DateOnly Start = new(2025, 1, 1);
    private static readonly string[] Competitors = ["Alder Supply", "Brightmart", "Castell Tools"];

    public static IEnumerable<object[]> Cases() => Enumerable.Range(0, 300).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Any_sequence_of_batches_equals_the_full_recompute_and_reports_exactly_the_difference(int seed)
    {
        var rng = new Random(seed);
        var days = rng.Next(20, 160);
        var source = new Source();
        var state = new SkuState(Material.Sku, Material, RuleThresholds.Default);
        var emitted = new Dictionary<string, FeatureRow>();
        var rejected = new Dictionary<string, RejectedRow>();
        var batches = 0;
        var restarts = new Random(-seed); // apart from rng, so every seed's source stays what it was without restarts

        for (var day = 0; day < days; day++)
        {
            // the source as it is today: a new day for most series, now and then late rows and corrections far back
            var touchedPrices = new List<PriceRow>();
            var touchedCompetitors = new List<CompetitorRow>();
            foreach (var (org, customer) in new[] { ("1000", "C1"), ("1000", "C2"), ("2000", "C3") }.Take(1 + seed % 3))
            {
                if (rng.NextDouble() < 0.8)
                    touchedPrices.Add(source.Put(RandomPrice(rng, org, customer, day)));
                if (rng.NextDouble() < 0.6)
                    source.Put(RandomQuantity(rng, org, customer, day));
            }
            foreach (var competitor in Competitors.Take(seed % 4))
                if (rng.NextDouble() < 0.4)
                    touchedCompetitors.Add(source.Put(RandomCompetitor(rng, competitor, day)));
            for (var late = rng.Next(0, 3); late > 0; late--)
            {
                var back = rng.NextDouble() < 0.3 ? rng.Next(0, day + 1) : rng.Next(0, Math.Min(day, 20) + 1);
                var when = day - back;
                var roll = rng.NextDouble();
                if (roll < 0.55)
                    touchedPrices.Add(source.Put(RandomPrice(rng, rng.NextDouble() < 0.5 ? "1000" : "2000", rng.NextDouble() < 0.5 ? "C1" : "C3", when)));
                else if (roll < 0.75)
                    source.Put(RandomQuantity(rng, rng.NextDouble() < 0.5 ? "1000" : "2000", rng.NextDouble() < 0.5 ? "C1" : "C3", when));
                else
                    touchedCompetitors.Add(source.Put(RandomCompetitor(rng, Competitors[rng.Next(Competitors.Length)], when)));
            }

            // batches of 1 to 7 days of changes, as nightly, catch-up or irregular runs would see them
            if (rng.NextDouble() < 0.6 || day == days - 1)
            {
                var batch = new SkuBatch(source.DrainPrices(), source.DrainCompetitors(), source.DrainQuantities());
                var expectedBefore = Recompute(source.PricesBefore, source.CompetitorsBefore, source.QuantitiesBefore);
                if (restarts.NextDouble() < 0.15)
                    state = SkuState.Forgotten(Material.Sku, Material, RuleThresholds.Default);
                if (state.HistoryNeededFrom(batch) is { } from)
                    state.AddHistory(new SkuHistory(from, source.Prices.ToList(), source.Competitors.ToList(), source.Quantities.ToList(), emitted.Values.ToList()));
                var changes = new SkuChanges();
                state.Apply(batch, changes);
                batches++;

                foreach (var key in changes.Deletes)
                    Assert.True(emitted.Remove($"{key.SalesOrg}/{key.CustomerId}/{key.Dt}"), $"seed {seed}: deleted {key} that was never written");
                foreach (var row in changes.Upserts)
                    emitted[$"{row.SalesOrg}/{row.CustomerId}/{row.Dt}"] = row;
                foreach (var row in changes.Withdrawn)
                    rejected.Remove(RejectKey(row));
                foreach (var row in changes.Rejections)
                    rejected[RejectKey(row)] = row;

                var expected = Recompute(source.Prices, source.Competitors, source.Quantities);
                Assert.Equal(expected.Features, emitted.Values.OrderBy(r => r.SalesOrg).ThenBy(r => r.CustomerId).ThenBy(r => r.Dt));
                Assert.Equal(expected.Rejected.Select(RejectKey).Order(), rejected.Keys.Order());

                // exactly the difference: nothing unchanged is reported, nothing changed is missed
                var before = expectedBefore.Features.ToDictionary(r => (r.SalesOrg, r.CustomerId, r.Dt));
                var after = expected.Features.ToDictionary(r => (r.SalesOrg, r.CustomerId, r.Dt));
                var differing = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).Order().ToList();
                Assert.Equal(differing, changes.Upserts.Select(r => (r.SalesOrg, r.CustomerId, r.Dt)).Order().ToList());
                Assert.Equal(before.Keys.Where(k => !after.ContainsKey(k)).Order().ToList(), changes.Deletes.Select(k => (k.SalesOrg, k.CustomerId, k.Dt)).Order().ToList());
                source.MarkApplied();
            }
        }
        Assert.True(batches > 0);
    }

    [Fact]
    public void State_stays_bounded_whatever_the_history_length()
    {
        var state = new SkuState(Material.Sku, Material, RuleThresholds.Default);
        var changes = new SkuChanges();
        for (var day = 0; day < 2000; day++)
            state.Apply(new SkuBatch([new PriceRow("P001", "1000", "C1", Start.AddDays(day), 10 + day % 7, 6, "EUR", default)], []), changes);

        Assert.InRange(state.HeldDayCount, SkuState.LateDataMarginDays + SkuState.LookBackDays, SkuState.LateDataMarginDays + SkuState.LookBackDays + 16);
        Assert.Equal(2000, changes.Upserts.Count);
    }

    [Fact]
    public void A_batch_reaching_past_the_held_window_asks_for_history_first()
    {
        var state = new SkuState(Material.Sku, Material, RuleThresholds.Default);
        state.Apply(new SkuBatch(Enumerable.Range(0, 200).Select(d => new PriceRow("P001", "1000", "C1", Start.AddDays(d), 10, 6, "EUR", default)).ToList(), []), new SkuChanges());
        var late = new SkuBatch([new PriceRow("P001", "1000", "C1", Start.AddDays(20), 11, 6, "EUR", default)], []);

        Assert.Equal(Start.AddDays(20 - SkuState.LookBackDays), state.HistoryNeededFrom(late));
        Assert.Throws<InvalidOperationException>(() => state.Apply(late, new SkuChanges()));
        Assert.Null(state.HistoryNeededFrom(new SkuBatch([new PriceRow("P001", "1000", "C1", Start.AddDays(180), 11, 6, "EUR", default)], [])));
    }

    private static FeatureEngine.Result Recompute(IEnumerable<PriceRow> prices, IEnumerable<CompetitorRow> competitors, IEnumerable<BilledQuantity> quantities) =>
        FeatureEngine.Recompute([Material], prices, competitors, quantities, RuleBook.Default);

    /// <summary>Whole and fractional volumes, a few zero, a few negative (rejected).</summary>
    private static BilledQuantity RandomQuantity(Random rng, string org, string customer, int day)
    {
        var roll = rng.NextDouble();
        var quantity = roll < 0.05 ? 0 : roll < 0.08 ? -3 : Math.Round(rng.NextDouble() * 40, rng.NextDouble() < 0.5 ? 0 : 3);
        return new BilledQuantity(Material.Sku, org, customer, Start.AddDays(day), quantity, default);
    }

    private static PriceRow RandomPrice(Random rng, string org, string customer, int day)
    {
        var price = Math.Round(20 + rng.NextDouble() * 5 + (rng.NextDouble() < 0.05 ? 15 : 0), 2);
        var roll = rng.NextDouble();
        return new PriceRow(Material.Sku, org, customer, Start.AddDays(day),
            roll < 0.04 ? 0 : roll < 0.06 ? -price : price,
            roll is >= 0.06 and < 0.08 ? -1 : Math.Round(price * (0.6 + rng.NextDouble() * 0.5), 4),
            roll is >= 0.08 and < 0.1 ? "USD" : "EUR", default);
    }

    private static CompetitorRow RandomCompetitor(Random rng, string competitor, int day) =>
        new(Material.Sku, competitor, Start.AddDays(day), rng.NextDouble() < 0.05 ? 0 : Math.Round(18 + rng.NextDouble() * 8, 2),
            rng.NextDouble() < 0.03 ? "GBP" : "EUR", default);

    private static string RejectKey(RejectedRow r) => $"{r.Table}/{r.SalesOrg}/{r.CustomerId}/{r.Competitor}/{r.Dt}";

    /// <summary>An in-memory source: current rows by key, and which of them changed since the last batch.</summary>
    private sealed class Source
    {
        private readonly Dictionary<(string, string, DateOnly), PriceRow> _prices = [];
        private readonly Dictionary<(string, DateOnly), CompetitorRow> _competitors = [];
        private readonly Dictionary<(string, string, DateOnly), PriceRow> _changedPrices = [];
        private readonly Dictionary<(string, DateOnly), CompetitorRow> _changedCompetitors = [];
        private readonly Dictionary<(string, string, DateOnly), BilledQuantity> _quantities = [];
        private readonly Dictionary<(string, string, DateOnly), BilledQuantity> _changedQuantities = [];
        public List<BilledQuantity> QuantitiesBefore { get; private set; } = [];
        public IEnumerable<BilledQuantity> Quantities => _quantities.Values;

        public void Put(BilledQuantity row) => _quantities[(row.SalesOrg, row.CustomerId, row.Dt)] = _changedQuantities[(row.SalesOrg, row.CustomerId, row.Dt)] = row;

        public List<BilledQuantity> DrainQuantities() { var rows = _changedQuantities.Values.ToList(); _changedQuantities.Clear(); return rows; }

        public List<PriceRow> PricesBefore { get; private set; } = [];
        public List<CompetitorRow> CompetitorsBefore { get; private set; } = [];
        public IEnumerable<PriceRow> Prices => _prices.Values;
        public IEnumerable<CompetitorRow> Competitors => _competitors.Values;

        public PriceRow Put(PriceRow row) => _prices[(row.SalesOrg, row.CustomerId, row.Dt)] = _changedPrices[(row.SalesOrg, row.CustomerId, row.Dt)] = row;

        public CompetitorRow Put(CompetitorRow row) => _competitors[(row.Competitor, row.Dt)] = _changedCompetitors[(row.Competitor, row.Dt)] = row;

        public List<PriceRow> DrainPrices() { var rows = _changedPrices.Values.ToList(); _changedPrices.Clear(); return rows; }

        public List<CompetitorRow> DrainCompetitors() { var rows = _changedCompetitors.Values.ToList(); _changedCompetitors.Clear(); return rows; }

        public void MarkApplied()
        {
            PricesBefore = _prices.Values.ToList();
            CompetitorsBefore = _competitors.Values.ToList();
            QuantitiesBefore = _quantities.Values.ToList();
        }
    }
}
