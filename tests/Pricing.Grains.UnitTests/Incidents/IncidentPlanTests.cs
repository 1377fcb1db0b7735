using Pricing.Incidents;
using Pricing.Model;
using static Pricing.Tests.Incidents.EpisodeTests;

namespace Pricing.Tests.Incidents;

/// <summary>What a run does to stored incidents: reopen and dismissal rules, lost rows, and windows that see all a change alters.</summary>
public class IncidentPlanTests
{
    private static readonly DateOnly Start = new(2025, 3, 3);

    private static Episode Episode(int first, int last, Severity severity = Severity.Medium, AnomalyReasons reason = AnomalyReasons.LowMargin) =>
        new(reason, Start.AddDays(first), Start.AddDays(last), last - first + 1, severity, 10, 10);

    [Fact]
    public void A_resolved_incident_with_new_rows_reopens_and_one_without_stays_resolved()
    {
        var resolved = Known(1, AnomalyReasons.LowMargin, Start, Start.AddDays(4), IncidentStatus.Resolved);

        var later = IncidentPlan.For([resolved], [Episode(0, 6)]);
        var corrected = IncidentPlan.For([resolved], [Episode(1, 4)]);

        Assert.Contains("after it was resolved", Assert.Single(later.Writes).ReopenedBecause);
        Assert.Null(Assert.Single(corrected.Writes).ReopenedBecause);
    }

    [Fact]
    public void A_dismissed_incident_stays_dismissed_unless_its_severity_rises()
    {
        var dismissed = Known(1, AnomalyReasons.LowMargin, Start, Start.AddDays(4), IncidentStatus.Dismissed, Severity.Medium);

        Assert.Null(Assert.Single(IncidentPlan.For([dismissed], [Episode(0, 9)]).Writes).ReopenedBecause);
        Assert.Equal("severity rose to HIGH", Assert.Single(IncidentPlan.For([dismissed], [Episode(0, 9, Severity.High)]).Writes).ReopenedBecause);
    }

    [Fact]
    public void Subscriptions_hear_of_a_new_a_reopened_and_an_escalated_incident_not_of_one_that_only_grew()
    {
        var open = Known(1, AnomalyReasons.LowMargin, Start, Start.AddDays(4), IncidentStatus.Open, Severity.Medium);
        var resolved = Known(2, AnomalyReasons.LowMargin, Start.AddDays(20), Start.AddDays(24), IncidentStatus.Resolved, Severity.Medium);

        Assert.Equal(AlertChange.New, Assert.Single(IncidentPlan.For([], [Episode(0, 2)]).Writes).Notable);
        Assert.Null(Assert.Single(IncidentPlan.For([open], [Episode(0, 6)]).Writes).Notable);
        Assert.Equal(AlertChange.Escalated, Assert.Single(IncidentPlan.For([open], [Episode(0, 6, Severity.High)]).Writes).Notable);
        Assert.Equal(AlertChange.Reopened, Assert.Single(IncidentPlan.For([resolved], [Episode(20, 26, Severity.High)]).Writes).Notable);
    }

    [Fact]
    public void An_unchanged_incident_is_not_written_and_one_that_lost_its_rows_is_kept_only_with_analysts_work()
    {
        var same = Known(1, AnomalyReasons.LowMargin, Start, Start.AddDays(4)) with { Episode = Episode(0, 4) };
        var untouched = Known(2, AnomalyReasons.PriceSpike, Start, Start.AddDays(1));
        var commented = Known(3, AnomalyReasons.CompetitorUndercut, Start, Start.AddDays(1), hasWork: true);

        var plan = IncidentPlan.For([same, untouched, commented], [Episode(0, 4)]);

        Assert.Empty(plan.Writes);
        Assert.Equal([2L], plan.Deleted);
        Assert.Equal([3L], plan.Withdrawn);
    }

    [Fact]
    public void A_withdrawn_incident_whose_rows_come_back_gets_them_with_its_id()
    {
        var withdrawn = new KnownIncident(7, Episode(2, 5) with { Days = 0 }, IncidentStatus.Acknowledged, HasWork: true);

        var plan = IncidentPlan.For([withdrawn], [Episode(3, 4)]);

        Assert.Equal(7, Assert.Single(plan.Writes).Id);
    }

    /// <summary>
    /// Random series, random late rows, corrections and new days: deriving only the window of what changed and
    /// merging with the stored incidents gives exactly the episodes of the whole new series.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Deriving_the_window_of_a_change_equals_deriving_the_whole_series(int seed)
    {
        var rng = new Random(seed);
        var reasons = new[] { AnomalyReasons.LowMargin, AnomalyReasons.PriceSpike, AnomalyReasons.LowMargin | AnomalyReasons.MlOutlier };
        var days = new Dictionary<int, AnomalyReasons>();
        for (var d = 0; d < 200; d++)
            days[d] = rng.NextDouble() < 0.35 ? reasons[rng.Next(reasons.Length)] : AnomalyReasons.None;
        var stored = new List<KnownIncident>();
        long nextId = 1;
        foreach (var e in Episodes.Of(Rows(days)))
            stored.Add(new KnownIncident(nextId++, e));

        for (var change = 0; change < 60; change++)
        {
            var from = rng.Next(0, 200);
            var to = Math.Min(from + rng.Next(0, 4), 210);
            for (var d = from; d <= to; d++)
                days[d] = rng.NextDouble() < 0.5 ? reasons[rng.Next(reasons.Length)] : AnomalyReasons.None;

            var (windowFrom, windowTo) = IncidentWindow.Of(Start.AddDays(from), Start.AddDays(to), stored, Episodes.DefaultGapDays);
            var inWindow = stored.Where(k => k.Episode.Overlap(windowFrom, windowTo) > 0).ToList();
            var plan = IncidentPlan.For(inWindow, Episodes.Of(Rows(days).Where(r => r.Dt >= windowFrom && r.Dt <= windowTo)));
            foreach (var write in plan.Writes)
            {
                stored.RemoveAll(k => k.Id == write.Id);
                stored.Add(new KnownIncident(write.Id ?? nextId++, write.Episode));
            }
            stored.RemoveAll(k => plan.Deleted.Contains(k.Id) || plan.Withdrawn.Contains(k.Id));

            var expected = Episodes.Of(Rows(days)).OrderBy(e => e.Reason).ThenBy(e => e.FirstDt);
            Assert.Equal(expected, stored.Select(k => k.Episode).OrderBy(e => e.Reason).ThenBy(e => e.FirstDt));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Continuing_the_latest_incidents_with_appended_days_equals_deriving_the_whole_series(int seed)
    {
        var rng = new Random(seed);
        var reasons = new[] { AnomalyReasons.LowMargin, AnomalyReasons.PriceSpike, AnomalyReasons.LowMargin | AnomalyReasons.MlOutlier };
        var days = new Dictionary<int, AnomalyReasons>();
        for (var d = 0; d < 120; d++)
            days[d] = rng.NextDouble() < 0.4 ? reasons[rng.Next(reasons.Length)] : AnomalyReasons.None;
        var stored = Episodes.Of(Rows(days)).Select((e, i) => new KnownIncident(i + 1, e)).ToList();
        long nextId = stored.Count + 1;

        for (var night = 120; night < 180; night++) // one new day a night, as the nightly run appends
        {
            days[night] = rng.NextDouble() < 0.4 ? reasons[rng.Next(reasons.Length)] : AnomalyReasons.None;
            var day = Start.AddDays(night);
            var latest = stored.Where(k => k.Episode.LastDt >= day.AddDays(-Episodes.DefaultGapDays)).ToList();
            var plan = IncidentPlan.For(latest, Episodes.Continue([.. latest.Select(k => k.Episode)], Rows(days).Where(r => r.Dt == day)));
            foreach (var write in plan.Writes)
            {
                stored.RemoveAll(k => k.Id == write.Id);
                stored.Add(new KnownIncident(write.Id ?? nextId++, write.Episode));
            }
            Assert.Empty(plan.Deleted);
            Assert.Equal(Episodes.Of(Rows(days)).OrderBy(e => e.Reason).ThenBy(e => e.FirstDt), stored.Select(k => k.Episode).OrderBy(e => e.Reason).ThenBy(e => e.FirstDt));
        }
    }

    private static IEnumerable<FeatureRow> Rows(Dictionary<int, AnomalyReasons> days) =>
        days.Where(d => d.Value != AnomalyReasons.None).OrderBy(d => d.Key)
            .Select(d => new FeatureRow("S1", "1000", "C1", Start.AddDays(d.Key), 10, 8, 20, null, null, null, null, d.Value, Impact: 1, ImpactReporting: 1));
}
