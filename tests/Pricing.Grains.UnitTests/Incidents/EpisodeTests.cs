using Pricing.Incidents;
using Pricing.Model;

namespace Pricing.Tests.Incidents;

/// <summary>Episodes of a series and how incident ids follow them when late rows fill or open a gap.</summary>
public class EpisodeTests
{
    private static readonly DateOnly Start = new(2025, 3, 3); // a Monday

    private static FeatureRow Row(int day, AnomalyReasons reasons, double impact = 10, double? reported = 11, double margin = 20) =>
        new("S1", "1000", "C1", Start.AddDays(day), 10, 8, margin, null, null, null, null, reasons, Impact: impact, ImpactReporting: reported);

    internal static KnownIncident Known(long id, AnomalyReasons reason, DateOnly first, DateOnly last,
        IncidentStatus status = IncidentStatus.Open, Severity severity = Severity.Medium, bool hasWork = false) =>
        new(id, new Episode(reason, first, last, last.DayNumber - first.DayNumber + 1, severity, 0, null), status, hasWork || status != IncidentStatus.Open);

    [Fact]
    public void Rows_at_most_gap_days_apart_make_one_episode_per_reason_with_their_totals()
    {
        var rows = new[]
        {
            Row(0, AnomalyReasons.LowMargin), Row(3, AnomalyReasons.LowMargin | AnomalyReasons.MlOutlier, reported: null),
            Row(7, AnomalyReasons.LowMargin), // 4 days after day 3: a new episode
            Row(8, AnomalyReasons.NegativeMargin, impact: 30, margin: -5), Row(9, AnomalyReasons.None),
        };

        var episodes = Episodes.Of(rows);

        Assert.Equal(
            [
                new Episode(AnomalyReasons.NegativeMargin, Start.AddDays(8), Start.AddDays(8), 1, Severity.Critical, 30, 11),
                new Episode(AnomalyReasons.LowMargin, Start, Start.AddDays(3), 2, Severity.Medium, 20, 11),
                new Episode(AnomalyReasons.LowMargin, Start.AddDays(7), Start.AddDays(7), 1, Severity.Medium, 10, 11),
                new Episode(AnomalyReasons.MlOutlier, Start.AddDays(3), Start.AddDays(3), 1, Severity.Medium, 10, null),
            ],
            episodes);
    }

    [Fact]
    public void A_gap_of_gap_days_joins_and_one_more_splits()
    {
        Assert.Single(Episodes.Of([Row(4, AnomalyReasons.PriceSpike), Row(7, AnomalyReasons.PriceSpike)])); // Friday, Monday
        Assert.Equal(2, Episodes.Of([Row(4, AnomalyReasons.PriceSpike), Row(8, AnomalyReasons.PriceSpike)]).Count);
        Assert.Single(Episodes.Of([Row(4, AnomalyReasons.PriceSpike), Row(8, AnomalyReasons.PriceSpike)], gapDays: 4));
    }

    [Fact]
    public void A_late_row_filling_a_gap_merges_two_incidents_into_the_one_it_overlaps_most()
    {
        var known = new[]
        {
            Known(1, AnomalyReasons.LowMargin, Start, Start.AddDays(2)),
            Known(2, AnomalyReasons.LowMargin, Start.AddDays(7), Start.AddDays(12)),
        };
        var rows = Enumerable.Range(0, 13).Where(d => d is <= 2 or >= 7).Select(d => Row(d, AnomalyReasons.LowMargin)).Append(Row(4, AnomalyReasons.LowMargin));

        var episodes = Episodes.Of(rows);
        var (kept, gone) = IncidentIds.Match(known, episodes);

        var merged = Assert.Single(episodes);
        Assert.Equal(2, kept[merged]); // overlaps 6 days of incident 2, 3 of incident 1
        Assert.Equal(1, Assert.Single(gone).Id);
    }

    [Fact]
    public void A_row_gone_opening_a_gap_splits_an_incident_and_the_larger_part_keeps_its_id()
    {
        var known = new[] { Known(5, AnomalyReasons.CompetitorUndercut, Start, Start.AddDays(12)) };
        var rows = Enumerable.Range(0, 13).Where(d => d is < 3 or > 6).Select(d => Row(d, AnomalyReasons.CompetitorUndercut));

        var episodes = Episodes.Of(rows);
        var (kept, gone) = IncidentIds.Match(known, episodes);

        Assert.Equal(2, episodes.Count);
        Assert.Equal(5, kept[episodes.Single(e => e.FirstDt == Start.AddDays(7))]); // 6 days against 3
        Assert.DoesNotContain(episodes.Single(e => e.FirstDt == Start), kept.Keys);
        Assert.Empty(gone);
    }

    [Fact]
    public void Ids_never_cross_reasons_and_an_incident_without_rows_is_gone()
    {
        var known = new[]
        {
            Known(1, AnomalyReasons.PriceSpike, Start, Start.AddDays(3)),
            Known(2, AnomalyReasons.LowMargin, Start.AddDays(20), Start.AddDays(21)),
        };
        var episodes = Episodes.Of([Row(0, AnomalyReasons.LowMargin), Row(1, AnomalyReasons.LowMargin | AnomalyReasons.PriceSpike)]);

        var (kept, gone) = IncidentIds.Match(known, episodes);

        Assert.Equal(1, kept[episodes.Single(e => e.Reason == AnomalyReasons.PriceSpike)]);
        Assert.DoesNotContain(episodes.Single(e => e.Reason == AnomalyReasons.LowMargin), kept.Keys);
        Assert.Equal(2, Assert.Single(gone).Id);
    }

    [Fact]
    public void An_unchanged_history_keeps_every_id()
    {
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 120).Where(_ => rng.NextDouble() < 0.3)
            .Select(d => Row(d, rng.NextDouble() < 0.5 ? AnomalyReasons.LowMargin : AnomalyReasons.LowMargin | AnomalyReasons.PriceSpike)).ToList();
        var episodes = Episodes.Of(rows);
        var known = episodes.Select((e, i) => new KnownIncident(100 + i, e)).ToList();

        var (kept, gone) = IncidentIds.Match(known, Episodes.Of(rows));

        Assert.Empty(gone);
        Assert.Equal(known.Select(k => k.Id), Episodes.Of(rows).Select(e => kept[e]));
    }
}
