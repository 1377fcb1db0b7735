using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Scoring;

/// <summary>ML scoring inside pipeline runs: first model, versions fixed per run, a broken version set aside.</summary>
public abstract class ScoringPipelineTests(DatabaseKind kind)
    : SeededGridTests(kind, new CatalogOptions { Skus = 30, Days = 70, EndDate = new DateOnly(2025, 4, 14), Seed = 8 })
{
    private IModelTrainerGrain Trainer => Grid.Client.GetGrain<IModelTrainerGrain>(PipelineCatalog.Default);

    private Task<List<FeatureRow>> FeaturesAsync() => Grid.AnalyticsStore.Features.ReadAsync().ToListAsync().AsTask();

    [Fact]
    public async Task The_first_run_trains_a_model_and_every_row_it_wrote_has_a_score_and_that_version()
    {
        var job = await RunAsync(JobMode.Full);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        Assert.Equal(1, job.ModelVersion);
        var rows = await FeaturesAsync();
        Assert.All(rows, r =>
        {
            Assert.Equal(1, r.ModelVersion);
            Assert.InRange(r.MlScore!.Value, 0, 1);
            Assert.Contains(r.TopFeature, Pricing.Scoring.ScoringFeatures.Names);
        });
        var model = (await Grid.AnalyticsStore.Models.GetAsync(1))!;
        Assert.Equal(rows.Count(r => (r.Reasons & ~AnomalyReasons.MlOutlier) == AnomalyReasons.None), model.RowCount); // what no rule flags
        Assert.Equal(rows.Count(r => r.MlScore >= model.Threshold), rows.Count(r => r.Reasons.HasFlag(AnomalyReasons.MlOutlier)));
        Assert.InRange(rows.Count(r => r.Reasons.HasFlag(AnomalyReasons.MlOutlier)), 1, rows.Count / 20); // at most 1 % of the training rows, and the rules' problems
        Assert.Equal(rows.Count(r => r.Reasons != AnomalyReasons.None), job.AnomaliesFound);
    }

    [Fact]
    public async Task A_model_trained_during_a_run_is_not_used_by_that_run_but_by_the_next()
    {
        await RunAsync(JobMode.Full); // version 1
        var started = await Pipeline.Start(JobMode.Full, JobKind.Manual, "test");
        var retrained = await Trainer.Train("test"); // while the run goes on
        var job = await Grid.WaitForAsync(started.Id);

        Assert.Equal(2, retrained.Version);
        Assert.Equal(1, job.ModelVersion);
        Assert.All(await FeaturesAsync(), r => Assert.Equal(1, r.ModelVersion));

        var next = await RunAsync(JobMode.Full);
        Assert.Equal(2, next.ModelVersion);
        Assert.All(await FeaturesAsync(), r => Assert.Equal(2, r.ModelVersion));
    }

    [Fact]
    public async Task A_model_version_that_cannot_be_read_fails_the_run_precisely_and_the_previous_version_stays_in_use()
    {
        await RunAsync(JobMode.Full);
        var good = (await Grid.AnalyticsStore.Models.GetAsync(1))!;
        await Grid.AnalyticsStore.Models.SaveAsync(good with { Version = 2, ModelBytes = [1, 2, 3, 4, 5] });

        var failed = await RunAsync(JobMode.Full);

        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Equal("stage score: model version 2 cannot be loaded: not a pricing model (bad header); version 2 is set aside and version 1 stays in use", failed.Error);
        Assert.NotNull((await Grid.AnalyticsStore.Models.ListAsync()).Single(m => m.Version == 2).BrokenReason);
        Assert.Equal(1, (await Trainer.Latest())!.Version);

        var next = await RunAsync(JobMode.Full);
        Assert.True(next.Status == JobStatus.Succeeded, next.Error);
        Assert.Equal(1, next.ModelVersion);
        Assert.All(await FeaturesAsync(), r => Assert.Equal(1, r.ModelVersion));
    }

    [Fact]
    public async Task Models_of_the_earlier_pca_format_are_set_aside_and_the_run_trains_one_of_the_current_format()
    {
        await RunAsync(JobMode.Full);
        var good = (await Grid.AnalyticsStore.Models.GetAsync(1))!;
        byte[] pca = [.. "PGM1"u8, 4, 0, 0, 0, 1, 2, 3];
        await Grid.AnalyticsStore.Models.SaveAsync(good with { Version = 2, ModelBytes = pca });
        await Grid.AnalyticsStore.Models.SaveAsync(good with { Version = 3, ModelBytes = pca });
        await Grid.AnalyticsStore.Models.MarkBrokenAsync(1, "test: as if version 1 were of the earlier format too");

        var job = await RunAsync(JobMode.Full);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        var versions = await Grid.AnalyticsStore.Models.ListAsync();
        Assert.All(versions.Where(v => v.Version is 2 or 3), v => Assert.Contains("earlier model format", v.BrokenReason));
        Assert.Equal(4, job.ModelVersion);
        Assert.Null(versions.Single(v => v.Version == 4).BrokenReason);
        Assert.All(await FeaturesAsync(), r => Assert.Equal(4, r.ModelVersion));
    }

    [Fact]
    public async Task Evaluation_against_the_seed_labels_is_stored_with_the_model_version()
    {
        await RunAsync(JobMode.Full);

        var (report, version) = await new Pricing.Scoring.ModelEvaluator(Grid.SourceStore, Grid.AnalyticsStore).EvaluateAsync();

        Assert.Equal(1, version);
        Assert.Equal(report.Rows, report.ScoredRows);
        Assert.True(report.Any.MlScoreRocAuc >= 0.9, report.ToTable());
        Assert.Equal(1.0, report.Kinds.Single(k => k.Kind == "FAT_FINGER_X10").Reasons.Single(r => r.Reason == "ML_OUTLIER").Recall);
        var stored = (await Grid.AnalyticsStore.Models.ListAsync()).Single();
        Assert.Contains("\"ml_score_roc_auc\"", stored.EvaluationJson);
        Assert.All(report.Feedback!, f => Assert.Null(f.Precision)); // no analyst has labelled an incident yet
    }

    [Fact]
    public async Task Evaluation_reports_precision_per_reason_against_the_analysts_confirmations_and_dismissals()
    {
        await RunAsync(JobMode.Full);
        var analyst = new Caller("ana", Role.Analyst);
        var incidents = (await Grid.AnalyticsStore.Incidents.ReadKnownAsync(await Grid.AnalyticsStore.Features.ReadSkusAsync())).Values.SelectMany(v => v)
            .Where(i => i.Episode.Reason == AnomalyReasons.PriceSpike).OrderBy(i => i.Id).Take(4).ToList();
        Assert.Equal(4, incidents.Count);
        await Grid.Client.GetGrain<IIncidentGrain>(incidents[0].Id).SetStatus(IncidentStatus.Acknowledged, null, analyst);
        await Grid.Client.GetGrain<IIncidentGrain>(incidents[1].Id).SetStatus(IncidentStatus.Resolved, "fixed", analyst);
        await Grid.Client.GetGrain<IIncidentGrain>(incidents[2].Id).SetStatus(IncidentStatus.Resolved, "fixed", analyst);
        await Grid.Client.GetGrain<IIncidentGrain>(incidents[3].Id).SetStatus(IncidentStatus.Dismissed, "promotion", analyst);

        var (report, _) = await new Pricing.Scoring.ModelEvaluator(Grid.SourceStore, Grid.AnalyticsStore).EvaluateAsync();

        var spike = report.Feedback!.Single(f => f.Reason == "PRICE_SPIKE");
        Assert.Equal((3, 1, 0.75), (spike.Confirmed, spike.Dismissed, spike.Precision));
        Assert.All(report.Feedback!.Where(f => f.Reason != "PRICE_SPIKE"), f => Assert.Null(f.Precision));
        Assert.Contains("analysts' feedback", report.ToTable());
        Assert.Contains("\"confirmed\":3", (await Grid.AnalyticsStore.Models.ListAsync()).Single().EvaluationJson);
    }

    [Fact]
    public async Task A_retrain_leaves_out_the_rows_of_dismissed_ml_outlier_incidents_and_counts_them()
    {
        await RunAsync(JobMode.Full);
        var first = (await Grid.AnalyticsStore.Models.GetAsync(1))!;
        var incidents = (await Grid.AnalyticsStore.Incidents.ReadKnownAsync(await Grid.AnalyticsStore.Features.ReadSkusAsync()))
            .SelectMany(s => s.Value.Select(i => (Series: s.Key, Incident: i))).Where(x => x.Incident.Episode.Reason == AnomalyReasons.MlOutlier).ToList();
        var rows = await FeaturesAsync();
        // the rows a dismissal takes out of training: those of the incident that no rule flags
        bool Of((Pricing.Incidents.SeriesKey Series, Pricing.Incidents.KnownIncident Incident) x, FeatureRow r) =>
            x.Series == new Pricing.Incidents.SeriesKey(r.Sku, r.SalesOrg, r.CustomerId) && x.Incident.Episode.Overlap(r.Dt, r.Dt) > 0;
        var mlOnly = rows.Where(r => r.Reasons == AnomalyReasons.MlOutlier).ToList();
        var dismissed = incidents.Where(x => mlOnly.Any(r => Of(x, r))).OrderBy(x => x.Incident.Id).Take(2).ToList();
        var expected = mlOnly.Count(r => dismissed.Any(x => Of(x, r)));
        Assert.True(expected > 0, $"{incidents.Count} ML_OUTLIER incidents, none with a row no rule flags");
        foreach (var (_, incident) in dismissed)
            await Grid.Client.GetGrain<IIncidentGrain>(incident.Id).SetStatus(IncidentStatus.Dismissed, "a normal price", new Caller("ana", Role.Analyst));

        var second = await Trainer.Train("test");

        Assert.Equal(first.RowCount - expected, second.RowCount);
        Assert.Contains($"\"dismissed_rows_excluded\":{expected}", second.MetricsJson);
    }

    [Fact]
    public async Task Incremental_runs_score_what_they_write_with_the_current_version()
    {
        await RunAsync(JobMode.Full);
        await new NextDayGenerator(Grid.Source.Database, Clock).AppendAsync(Catalog.Seed, Catalog);

        var job = await RunAsync(JobMode.Incremental);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        Assert.Equal(1, job.ModelVersion);
        Assert.All(await FeaturesAsync(), r => Assert.Equal(1, r.ModelVersion));
    }
}

public sealed class SqliteScoringPipelineTests() : ScoringPipelineTests(DatabaseKind.Sqlite);

[Trait("Category", "MySql")]
public sealed class MySqlScoringPipelineTests() : ScoringPipelineTests(DatabaseKind.MySql);
