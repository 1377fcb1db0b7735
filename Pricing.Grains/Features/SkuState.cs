using Pricing.Model;

namespace Pricing.Features;

/// <summary>
/// The incremental state of one SKU: for each series the prices, costs and billed quantities of the last days, and the SKU's
/// competitor snapshots, held as dense day-indexed windows. <see cref="Apply"/> takes any batch of source rows
/// and returns exactly the feature rows that changed; after any sequence of batches the features equal a full
/// recompute. The window keeps the last <see cref="LateDataMarginDays"/> days of features computable (plus the
/// 14 days their windows look back), so memory stays bounded whatever the history length; a batch reaching
/// further back first needs <see cref="AddHistory"/>.
/// </summary>
public sealed partial class SkuState
{
    /// <summary>How far back late rows and corrections are handled from held state, without reading the source.</summary>
    public const int LateDataMarginDays = 35;

    /// <summary>The longest look-back of any feature: the volume of a day without a billed quantity averages [d − 27, d].</summary>
    public const int LookBackDays = FeatureMath.QuantityDays - 1;

    /// <summary>Trimming waits until this many extra days are held, so a nightly run does not shift arrays every day.</summary>
    private const int TrimSlackDays = 16;

    private const int HeldDays = LateDataMarginDays + LookBackDays;
    private const byte NoRejection = 0;
    private const byte UnknownRejection = 255; // a row loaded as history: whether it was ever rejected is not known here

    private readonly List<SeriesCells> _series = [];
    private readonly Dictionary<(string SalesOrg, string CustomerId), int> _seriesIndex = [];
    private readonly List<CompetitorCells> _competitors = [];
    private readonly Dictionary<string, int> _competitorIndex = new(StringComparer.Ordinal);
    private readonly List<double[]> _competitorPrices = [];

    private int _origin;             // day number of window index 0
    private int _length;             // days held: [_origin, _origin + _length)
    private int _capacity;
    private int _highWater = int.MinValue;
    private int _trimmedBefore = int.MinValue; // days before this are no longer held

    // _trimmedBefore of a state that lost what it held: every batch needs history first (far from overflowing)
    private const int NothingHeld = int.MaxValue / 2;

    // Set by AddHistory for the next Apply only: what was written for days whose windows reach before the held data.
    private Dictionary<(int Series, int Day), FeatureValues>? _stored;
    private int _storedBefore = int.MinValue;

    public SkuState(string sku, Material? material, RuleThresholds rules)
    {
        Sku = sku;
        Material = material;
        Rules = rules;
    }

    /// <summary>
    /// The state of a SKU that may have rows already but whose held days are lost, as a SKU grain whose state was kept
    /// in memory finds it after a restart. A new state assumes no earlier rows and computes a new day's features
    /// without the days before it; this one has the first batch load the source from that batch's look-back on.
    /// </summary>
    public static SkuState Forgotten(string sku, Material? material, RuleThresholds rules) =>
        new(sku, material, rules) { _trimmedBefore = NothingHeld };

    public string Sku { get; }
    public Material? Material { get; }
    public RuleThresholds Rules { get; }

    /// <summary>Features of days from here on are computable from held data (null: all of them, or none when nothing is held).</summary>
    public DateOnly? ComputableFrom => _trimmedBefore is int.MinValue or NothingHeld ? null : DateOnly.FromDayNumber(_trimmedBefore + LookBackDays);

    /// <summary>The newest day any row of this SKU carried.</summary>
    public DateOnly? Latest => _highWater == int.MinValue ? null : DateOnly.FromDayNumber(_highWater);

    public int SeriesCount => _series.Count;
    public int CompetitorCount => _competitors.Count;
    public int HeldDayCount => _length;

    /// <summary>The day from which source history must be loaded before this batch can be applied, or null when held data suffices.</summary>
    public DateOnly? HistoryNeededFrom(SkuBatch batch) => HistoryNeededBefore(FirstDay(batch));

    /// <summary>The same for a batch whose earliest row is on <paramref name="day"/>.</summary>
    public DateOnly? HistoryNeededFrom(DateOnly day) => HistoryNeededBefore(day.DayNumber);

    private DateOnly? HistoryNeededBefore(int first) => first < _trimmedBefore + LookBackDays ? DateOnly.FromDayNumber(first - LookBackDays) : null;

    private sealed class SeriesCells(string salesOrg, string customerId)
    {
        public string SalesOrg { get; } = salesOrg;
        public string CustomerId { get; } = customerId;
        public double[] Price = [];
        public double[] Cost = [];
        public byte[] Rejected = [];
        public double[] Quantity = [];
        public byte[] QuantityRejected = [];
    }

    private sealed class CompetitorCells(string name)
    {
        public string Name { get; } = name;
        public double[] Price = [];
        public byte[] Rejected = [];
    }
}
