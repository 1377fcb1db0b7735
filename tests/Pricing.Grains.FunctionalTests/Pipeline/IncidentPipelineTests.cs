using Pricing.Grains;
using Pricing.Incidents;
using Pricing.Model;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Pipeline;

/// <summary>
/// Incidents through real pipeline runs on the golden data: after every incremental, late, corrected and FULL run the
/// stored incidents are exactly the episodes of the stored anomaly rows; ids, statuses and comments survive FULL
/// runs; the reopen and dismissal rules hold; an analytics DB from before incidents gets them on its next run.
/// </summary>
public abstract class IncidentPipelineTests(DatabaseKind kind) : IAsyncLifetime
{
    private GrainCluster _grid = null!;
    private static readonly Caller Analyst = new("ana", Role.Analyst);

    public async Task InitializeAsync() =>
        _grid = await GrainCluster.StartAsync(kind, pipeline: GrainCluster.TestPipeline with { ReportingCurrency = "USD" });

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    private async Task RunAsync(JobMode mode = JobMode.Incremental)
    {
        var job = await _grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).Start(mode, JobKind.Manual, "test");
        var done = await _grid.WaitForAsync(job.Id);
        Assert.True(done.Status == JobStatus.Succeeded, done.Error);
    }

    private async Task SeedAsync()
    {
        await Golden.RunAsync(_grid.Source.Database, Golden.SourceSql);
        await Golden.RunAsync(_grid.Source.Database, Golden.QuantitiesSql);
    }

    private async Task<List<KnownIncident>> StoredAsync() =>
        [.. (await _grid.AnalyticsStore.Incidents.ReadKnownAsync(await _grid.AnalyticsStore.Features.ReadSkusAsync())).Values.SelectMany(v => v)];

    /// <summary>The live incidents are the episodes of the stored anomaly rows, series by series, with their totals.</summary>
    private async Task<Dictionary<string, long>> AssertIncidentsAreTheEpisodesAsync()
    {
        var rows = await _grid.AnalyticsStore.Features.ReadAsync().ToListAsync();
        var expected = rows.GroupBy(r => new SeriesKey(r.Sku, r.SalesOrg, r.CustomerId))
            .SelectMany(g => Episodes.Of(g).Select(e => Describe(g.Key, e))).Order().ToList();
        var known = await _grid.AnalyticsStore.Incidents.ReadKnownAsync(await _grid.AnalyticsStore.Features.ReadSkusAsync());
        var live = known.SelectMany(k => k.Value.Where(i => !i.Withdrawn).Select(i => (Series: k.Key, Incident: i))).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, live.Select(l => Describe(l.Series, l.Incident.Episode)).Order().ToList());
        // keyed by series, reason and first day: what an incident that did not change keeps
        return live.ToDictionary(l => $"{l.Series} {l.Incident.Episode.Reason} {l.Incident.Episode.FirstDt:yyyy-MM-dd}", l => l.Incident.Id);
    }

    private static string Describe(SeriesKey s, Episode e) =>
        $"{s.Sku}/{s.SalesOrg}/{s.CustomerId} {ReasonNames.Of(e.Reason)} {e.FirstDt:yyyy-MM-dd}..{e.LastDt:yyyy-MM-dd} {e.Days}d {e.MaxSeverity} " +
        $"{Math.Round(e.Impact, 6)} {(e.ImpactReporting is { } r ? Math.Round(r, 6) : "null")}";

    [Fact]
    public async Task Incidents_are_the_episodes_of_the_anomaly_rows_after_late_rows_corrections_and_a_full_run_and_keep_their_ids()
    {
        await SeedAsync();
        await RunAsync();
        var first = await AssertIncidentsAreTheEpisodesAsync();

        await Golden.RunAsync(_grid.Source.Database, Golden.DeltaSql);
        await Golden.RunAsync(_grid.Source.Database, Golden.QuantitiesDeltaSql);
        await RunAsync();
        var afterDelta = await AssertIncidentsAreTheEpisodesAsync();
        // incidents the delta did not change kept their ids; the delta changed some
        var unchanged = first.Where(f => afterDelta.ContainsKey(f.Key)).ToList();
        Assert.NotEmpty(unchanged);
        Assert.All(unchanged, f => Assert.Equal(f.Value, afterDelta[f.Key]));

        await RunAsync(JobMode.Full);
        Assert.Equal(afterDelta, await AssertIncidentsAreTheEpisodesAsync());
    }

    [Fact]
    public async Task Status_assignee_and_comments_survive_full_runs_and_a_dismissed_incident_stays_dismissed()
    {
        await SeedAsync();
        await RunAsync();
        var incidents = (await StoredAsync()).OrderBy(i => i.Id).ToList();
        var (acknowledged, dismissed) = (incidents[0].Id, incidents[1].Id);
        Assert.NotNull(await _grid.Client.GetGrain<IIncidentGrain>(acknowledged).SetStatus(IncidentStatus.Acknowledged, null, Analyst));
        Assert.NotNull(await _grid.Client.GetGrain<IIncidentGrain>(acknowledged).Assign("bo", Analyst));
        Assert.NotNull(await _grid.Client.GetGrain<IIncidentGrain>(acknowledged).Comment("supplier price list is wrong", Analyst));
        await Assert.ThrowsAsync<ArgumentException>(() => _grid.Client.GetGrain<IIncidentGrain>(dismissed).SetStatus(IncidentStatus.Dismissed, " ", Analyst).AsTask());
        Assert.NotNull(await _grid.Client.GetGrain<IIncidentGrain>(dismissed).SetStatus(IncidentStatus.Dismissed, "promotion", Analyst));

        await RunAsync(JobMode.Full);

        var kept = (await _grid.AnalyticsStore.Incidents.GetAsync(acknowledged))!;
        Assert.Equal((IncidentStatus.Acknowledged, "bo"), (kept.Incident.Status, kept.Incident.Assignee));
        Assert.Equal(["STATUS ana OPEN>ACKNOWLEDGED", "ASSIGNEE ana >bo", "COMMENT ana supplier price list is wrong"],
            kept.History.Select(e => e.Kind == IncidentEventKind.Comment ? $"COMMENT {e.Actor} {e.Text}" : $"{e.Kind.ToString().ToUpperInvariant()} {e.Actor} {e.From}>{e.To}"));
        Assert.Equal(IncidentStatus.Dismissed, (await _grid.AnalyticsStore.Incidents.GetAsync(dismissed))!.Incident.Status);
        Assert.Null(await _grid.Client.GetGrain<IIncidentGrain>(long.MaxValue).Comment("nobody", Analyst));
    }

    [Fact]
    public async Task A_resolved_incident_whose_problem_comes_back_within_gap_days_reopens()
    {
        await SeedAsync();
        await RunAsync();
        var rows = await _grid.AnalyticsStore.Features.ReadAsync().ToListAsync();
        var newest = rows.GroupBy(r => new SeriesKey(r.Sku, r.SalesOrg, r.CustomerId)).ToDictionary(g => g.Key, g => g.Max(r => r.Dt));
        var known = await _grid.AnalyticsStore.Incidents.ReadKnownAsync(await _grid.AnalyticsStore.Features.ReadSkusAsync());
        // an incident of a margin reason that ended before its series' newest day, with a day that has a row right after it
        var (series, incident) = known.SelectMany(k => k.Value.Select(i => (k.Key, i)))
            .First(x => x.i.Episode.Reason == AnomalyReasons.NegativeMargin && x.i.Episode.LastDt < newest[x.Key]
                        && rows.Any(r => new SeriesKey(r.Sku, r.SalesOrg, r.CustomerId) == x.Key && r.Dt == x.i.Episode.LastDt.AddDays(1)));
        await _grid.Client.GetGrain<IIncidentGrain>(incident.Id).SetStatus(IncidentStatus.Resolved, "price list fixed", Analyst);

        // the day after its last one falls below cost again
        await _grid.Source.Database.ExecuteAsync(
            "UPDATE daily_prices SET net_price = unit_cost * 0.5, changed_at = @now WHERE sku = @sku AND sales_org = @so AND customer_id = @cust AND dt = @dt",
            c => c.Bind("@now", _grid.Source.Database.Timestamp(DateTime.UtcNow.AddMinutes(10))).Bind("@sku", series.Sku).Bind("@so", series.SalesOrg)
                .Bind("@cust", series.CustomerId).Bind("@dt", incident.Episode.LastDt.AddDays(1)));
        await RunAsync();

        var reopened = (await _grid.AnalyticsStore.Incidents.GetAsync(incident.Id))!;
        Assert.Equal(IncidentStatus.Open, reopened.Incident.Status);
        Assert.True(reopened.Incident.LastDt > incident.Episode.LastDt);
        var reopening = reopened.History[^1];
        Assert.Equal((IncidentEventKind.Reopened, IncidentRows.PipelineActor, "RESOLVED", "OPEN"), (reopening.Kind, reopening.Actor, reopening.From, reopening.To));
        await AssertIncidentsAreTheEpisodesAsync();
    }

    [Fact]
    public async Task An_analytics_db_from_before_incidents_gets_them_on_its_next_run()
    {
        await SeedAsync();
        await RunAsync();
        var derived = await AssertIncidentsAreTheEpisodesAsync();
        await _grid.Analytics.Database.ExecuteAsync("DELETE FROM incidents");
        await _grid.Analytics.Database.ExecuteAsync("DELETE FROM pipeline_watermarks WHERE catalog LIKE '%:incidents'");

        await RunAsync(); // nothing changed in the source

        Assert.Equal(derived.Keys.Order(), (await AssertIncidentsAreTheEpisodesAsync()).Keys.Order());
    }
}

public sealed class SqliteIncidentPipelineTests() : IncidentPipelineTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlIncidentPipelineTests() : IncidentPipelineTests(DatabaseKind.MySql);
