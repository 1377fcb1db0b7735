using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Pipeline;
using Pricing.Seeding;
using Pricing.Storage;
using Pricing.Tests.Infrastructure;

namespace Pricing.Tests.Pipeline;

/// <summary>Pipeline runs on a real cluster over a seeded catalog: the same tests on SQLite and on MariaDB.</summary>
public abstract class PipelineTests(DatabaseKind kind)
    : SeededGridTests(kind, new CatalogOptions { Skus = 30, Days = 70, EndDate = new DateOnly(2025, 4, 14), Seed = 5 })
{
    private Task<FeatureEngine.Result> RecomputeAsync() => SourceRecompute.RunAsync(Grid.SourceStore);

    private async Task AssertAnalyticsEqualRecomputeAsync()
    {
        var expected = await RecomputeAsync();
        Golden.AssertSameFeatures(expected.Features, await Grid.AnalyticsStore.Features.ReadAsync().ToListAsync(), reported: true);
        Assert.Equal(expected.Rejected.Select(Key).Order(), (await Grid.AnalyticsStore.Rejected.ReadAsync()).Select(Key).Order());
    }

    private static string Key(RejectedRow r) => $"{r.Table}/{r.Sku}/{r.SalesOrg}/{r.CustomerId}/{r.Competitor}/{r.Dt:yyyy-MM-dd}/{r.Reason}";

    [Fact]
    public async Task A_full_run_equals_the_engines_full_recompute_row_for_row()
    {
        var job = await RunAsync(JobMode.Full);

        Assert.True(job.Status == JobStatus.Succeeded, job.Error);
        await AssertAnalyticsEqualRecomputeAsync();
        var expected = await RecomputeAsync();
        var counts = await Grid.SourceStore.CountAsync();
        Assert.Equal(counts.DailyPrices + counts.CompetitorPrices + await Grid.SourceStore.ReadQuantitiesAsync().CountAsync(), job.RowsRead);
        Assert.Equal(expected.Rejected.Count, job.RowsRejected);
        Assert.Equal(expected.Features.Count, job.FeatureRowsWritten);
        Assert.Equal(await Grid.AnalyticsStore.Features.ReadAsync().CountAsync(r => r.Reasons != AnomalyReasons.None), job.AnomaliesFound); // rules and ML
        Assert.Equal(job.SkusTotal, job.SkusDone);
        Assert.Equal(JobStage.Done, job.Stage);
        Assert.Equal(job.CreatedAt, job.StartedAt); // the plan counts in the run's duration
        Assert.Equal(await Grid.SourceStore.MaxChangedAtAsync(), await Grid.AnalyticsStore.Watermarks.GetAsync(PipelineCatalog.Default));
    }

    [Fact]
    public async Task Incremental_runs_after_a_next_day_and_corrections_equal_a_full_recompute_and_an_idle_run_writes_nothing()
    {
        Assert.Equal(JobStatus.Succeeded, (await RunAsync(JobMode.Incremental)).Status);
        await AssertAnalyticsEqualRecomputeAsync();

        // 01:00 the next day, before the 02:00 nightly slot: the fake clock also drives the reminder, and a nightly run
        // started while the day below is being appended would plan on half of it (its rows are stamped over the next two
        // hours, so the half written later lies below that run's watermark), and this test is about manual runs.
        Clock.Advance(TimeSpan.FromHours(19));
        await new NextDayGenerator(Grid.Source.Database, Clock).AppendAsync(Catalog.Seed, Catalog);
        Clock.Advance(TimeSpan.FromMinutes(30));
        var corrections = await new CorrectionsGenerator(Grid.Source.Database, Clock).ApplyAsync(25, seed: 9);
        var incremental = await RunAsync(JobMode.Incremental);

        Assert.True(incremental.Status == JobStatus.Succeeded, incremental.Error);
        await AssertAnalyticsEqualRecomputeAsync();
        Assert.InRange(incremental.SkusTotal, 1, Catalog.Skus + 1);
        Assert.True(incremental.FeatureRowsWritten > 0);
        // the run read the corrected rows again, beside the new day's
        Assert.True(incremental.RowsRead > corrections.Total, $"read {incremental.RowsRead} source rows after {corrections.Total} corrections and a new day");

        Clock.Advance(TimeSpan.FromMinutes(10)); // past the overlap: nothing changed since
        var idle = await RunAsync(JobMode.Incremental);
        Assert.Equal(JobStatus.Succeeded, idle.Status);
        Assert.Equal(0, idle.FeatureRowsWritten);
        await AssertAnalyticsEqualRecomputeAsync();
    }

    [Fact]
    public async Task A_restarted_silo_wakes_its_SKU_grains_with_their_windows_and_the_next_night_equals_a_full_recompute()
    {
        Assert.Equal(JobStatus.Succeeded, (await RunAsync(JobMode.Incremental)).Status);
        var skus = await Grid.AnalyticsStore.Features.ReadSkusWithRowsOnAsync((await Grid.AnalyticsStore.Features.LatestDateAsync())!.Value);
        Assert.NotEmpty(skus);

        // The embedded default keeps SKU state in memory, so a restart loses every window: the silo reads them back
        // from the source, and a grain it has not reached yet must do so itself rather than compute the next day as
        // the first of a new SKU.
        await Grid.Cluster.RestartSiloAsync(Grid.Cluster.Silos[0]);
        await Grid.Cluster.KillClientAsync(); // it knew the silo under its old address
        await Grid.Cluster.InitializeClientAsync();
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        foreach (var sku in skus)
            while ((await Grid.Client.GetGrain<ISkuGrain>(sku).GetState()).HeldDays == 0)
            {
                Assert.True(DateTime.UtcNow < until, $"SKU grain {sku} holds no days a minute after the restart");
                await Task.Delay(100);
            }

        Clock.Advance(TimeSpan.FromHours(19));
        await new NextDayGenerator(Grid.Source.Database, Clock).AppendAsync(Catalog.Seed, Catalog);
        Clock.Advance(TimeSpan.FromMinutes(30));

        var incremental = await RunAsync(JobMode.Incremental);

        Assert.True(incremental.Status == JobStatus.Succeeded, incremental.Error);
        Assert.True(incremental.FeatureRowsWritten > 0);
        await AssertAnalyticsEqualRecomputeAsync();
    }

    [Fact]
    public async Task A_second_request_while_a_run_is_going_returns_the_running_job()
    {
        var first = await Pipeline.Start(JobMode.Full, JobKind.Manual, "first");
        var second = await Pipeline.Start(JobMode.Incremental, JobKind.Manual, "second");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(JobStatus.Succeeded, (await Grid.WaitForAsync(first.Id)).Status);
        Assert.Single(await Grid.AnalyticsStore.Jobs.ListAsync(10));
    }

    [Fact]
    public async Task Recomputing_one_sku_replaces_its_rows_and_keeps_the_watermark()
    {
        await RunAsync(JobMode.Full);
        var watermark = await Grid.AnalyticsStore.Watermarks.GetAsync(PipelineCatalog.Default);
        var sku = CatalogGenerator.SkuName(3);
        // a broken analytics state: rows lost, a row that should not exist
        await Grid.Analytics.Database.ExecuteAsync("DELETE FROM features WHERE sku = @sku AND dt > @dt", c => c.Bind("@sku", sku).Bind("@dt", new DateOnly(2025, 4, 1)));
        await Grid.AnalyticsStore.Features.UpsertAsync([new FeatureRow(sku, "9000", "C999", new DateOnly(2025, 4, 2), 1, 1, 0, null, null, null, null, AnomalyReasons.LowMargin)], null);

        var job = await Pipeline.RecomputeSkus([sku], "data engineer");
        var done = await Grid.WaitForAsync(job.Id);

        Assert.Equal(JobKind.RecomputeSku, done.Kind);
        Assert.Equal(JobStatus.Succeeded, done.Status);
        await AssertAnalyticsEqualRecomputeAsync();
        Assert.Equal(watermark, await Grid.AnalyticsStore.Watermarks.GetAsync(PipelineCatalog.Default));
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_fails_the_run_with_its_stage_and_leaves_the_watermark()
    {
        await Grid.Analytics.Database.ExecuteAsync("DROP TABLE rejected_rows"); // every batch write now fails

        var job = await RunAsync(JobMode.Full);

        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.StartsWith("stage features: batch ", job.Error);
        Assert.Contains("failed 3 times", job.Error);
        Assert.Contains("rejected_rows", job.Error);
        Assert.NotNull(job.FinishedAt);
        Assert.Null(await Grid.AnalyticsStore.Watermarks.GetAsync(PipelineCatalog.Default));
        Assert.Null(await Pipeline.Current()); // the failed run no longer blocks the next one
    }

    [Fact]
    public async Task Rejected_rows_carry_the_job_that_found_them()
    {
        var job = await RunAsync(JobMode.Full);

        var rejected = await Grid.AnalyticsStore.Rejected.ReadAsync(jobId: job.Id);
        Assert.Equal(job.RowsRejected, rejected.Count);
        Assert.Contains(rejected, r => r.Reason == RejectReason.UnknownSku);
        Assert.All(await Grid.AnalyticsStore.Rejected.ReadAsync(jobId: job.Id, reason: "NEGATIVE_COST"), r => Assert.Equal(RejectReason.NegativeCost, r.Reason));
    }

    [Fact]
    public async Task The_reminder_starts_the_nightly_run_once_per_night_at_the_configured_time()
    {
        var remindable = Grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).AsReference<IRemindable>();
        await remindable.ReceiveReminder(PipelineGrain.TickReminder, default); // first tick ever: a slot passed, run now
        var first = (await Grid.AnalyticsStore.Jobs.ListAsync(10)).Single();
        Assert.Equal(JobKind.Nightly, first.Kind);
        await Grid.WaitForAsync(first.Id);

        Clock.Advance(TimeSpan.FromHours(12)); // 18:00 UTC: the 02:00 slot of today already ran
        await remindable.ReceiveReminder(PipelineGrain.TickReminder, default);
        Assert.Single(await Grid.AnalyticsStore.Jobs.ListAsync(10));

        Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1)); // 02:01 next day
        await remindable.ReceiveReminder(PipelineGrain.TickReminder, default);
        var jobs = await Grid.AnalyticsStore.Jobs.ListAsync(10);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(JobStatus.Succeeded, (await Grid.WaitForAsync(jobs[0].Id)).Status);
    }
}

public sealed class SqlitePipelineTests() : PipelineTests(DatabaseKind.Sqlite)
{
    [Fact]
    public async Task A_first_tick_after_a_run_waits_for_the_next_night()
    {
        var manual = await RunAsync(JobMode.Full); // 06:00, after today's 02:00 slot
        var remindable = Grid.Client.GetGrain<IPipelineGrain>(PipelineCatalog.Default).AsReference<IRemindable>();

        await remindable.ReceiveReminder(PipelineGrain.TickReminder, default); // e.g. the first tick after a restart
        Assert.Equal(manual.Id, (await Grid.AnalyticsStore.Jobs.ListAsync(10)).Single().Id);

        Clock.Advance(TimeSpan.FromHours(20) + TimeSpan.FromMinutes(1)); // 02:01 next day
        await remindable.ReceiveReminder(PipelineGrain.TickReminder, default);
        Assert.Equal(JobKind.Nightly, (await Grid.AnalyticsStore.Jobs.ListAsync(10))[0].Kind);
    }
}

[Trait("Category", "MySql")]
public sealed class MySqlPipelineTests() : PipelineTests(DatabaseKind.MySql);
