using Pricing.Model;

namespace Pricing.Incidents;

/// <summary>
/// An episode: the anomaly rows of one series and one reason (<c>ML_OUTLIER</c> counts as one) whose dates follow each
/// other at most <c>Pricing:Incidents:GapDays</c> apart, with its totals. What an incident is made of.
/// </summary>
public sealed record Episode(AnomalyReasons Reason, DateOnly FirstDt, DateOnly LastDt, int Days, Severity MaxSeverity, double Impact, double? ImpactReporting)
{
    /// <summary>Days of [FirstDt, LastDt] this episode shares with [<paramref name="first"/>, <paramref name="last"/>].</summary>
    public int Overlap(DateOnly first, DateOnly last) =>
        Math.Max(0, Math.Min(LastDt.DayNumber, last.DayNumber) - Math.Max(FirstDt.DayNumber, first.DayNumber) + 1);
}

public static class Episodes
{
    public const int DefaultGapDays = 3;

    private static readonly AnomalyReasons[] Reasons =
        [AnomalyReasons.NegativeMargin, AnomalyReasons.LowMargin, AnomalyReasons.PriceSpike, AnomalyReasons.CompetitorUndercut, AnomalyReasons.MlOutlier];

    /// <summary>
    /// The episodes of one series' feature rows, by reason, then by date. Two rows belong together when the later date
    /// is at most <paramref name="gapDays"/> after the earlier (with 3, Friday and Monday do). The impact sums are over
    /// the episode's rows; the reporting sum over the rows with a rate, null when none has one.
    /// </summary>
    public static List<Episode> Of(IEnumerable<FeatureRow> seriesRows, int gapDays = DefaultGapDays) => Continue([], seriesRows, gapDays);

    /// <summary>
    /// The episodes that follow from <paramref name="latest"/>, the last episode of some reasons, when rows all later
    /// than every one of them come: each goes on with the rows that follow within GapDays, and new ones begin. The
    /// episodes of the reasons without a latest one are new. What a night that only appends days needs, without the
    /// rows before it.
    /// </summary>
    public static List<Episode> Continue(IReadOnlyList<Episode> latest, IEnumerable<FeatureRow> laterRows, int gapDays = DefaultGapDays)
    {
        var rows = laterRows.Where(r => r.Reasons != AnomalyReasons.None).OrderBy(r => r.Dt).ToList();
        var episodes = new List<Episode>();
        foreach (var reason in Reasons)
        {
            var open = latest.FirstOrDefault(e => e.Reason == reason);
            foreach (var row in rows)
            {
                if ((row.Reasons & reason) == 0)
                    continue;
                var severity = SeverityRules.Of(row);
                if (open is not null && row.Dt.DayNumber - open.LastDt.DayNumber <= gapDays)
                {
                    open = open with
                    {
                        LastDt = row.Dt, Days = open.Days + 1, MaxSeverity = severity > open.MaxSeverity ? severity : open.MaxSeverity,
                        Impact = open.Impact + row.Impact, ImpactReporting = Add(open.ImpactReporting, row.ImpactReporting),
                    };
                    continue;
                }
                if (open is not null)
                    episodes.Add(open);
                open = new Episode(reason, row.Dt, row.Dt, 1, severity, row.Impact, row.ImpactReporting);
            }
            if (open is not null)
                episodes.Add(open);
        }
        return episodes;
    }

    private static double? Add(double? sum, double? value) => sum is null ? value : value is null ? sum : sum + value;
}
