using Microsoft.Extensions.Logging;
using Pricing.Grains;
using Pricing.Model;
using Pricing.Scoring;
using Pricing.Sku;
using Pricing.Storage;

namespace Pricing.Pipeline;

/// <summary>
/// The pipeline of one catalog. A run: plan (which SKUs changed since the watermark) → batches fanned out to workers
/// across the silos → progress and counts on the job run → the watermark moves only when every batch is written.
/// The plan and the written batches are persisted, and a reminder ticks every minute, so when the silo holding this
/// grain dies the run resumes on another and finishes; the tick also starts the nightly run. Never collected: a run
/// goes on in the background of this activation, outside any call, and a silo short of memory sheds even grains
/// that asked to be kept (DelayDeactivation), but not one of a class that is exempt. One grain per catalog.
/// </summary>
[KeepAlive]
public sealed class PipelineGrain(
    [PersistentState("pipeline", PricingStorage.PipelineState)] IPersistentState<PipelineRunState> state,
    SourceStore source,
    AnalyticsStore analytics,
    ModelCache models,
    RuleBookProvider rules,
    ReportingRatesCache reportingRates,
    RateConversion conversion,
    IEnumerable<INightPreparation> preparations,
    IEnumerable<IRunObserver> observers,
    PipelineOptions options,
    TimeProvider clock,
    ILogger<PipelineGrain> logger) : Grain, IPipelineGrain, IRemindable
{
    public const string TickReminder = "pipeline-tick";
    private Task? _running;

    private string Catalog => this.GetPrimaryKeyString();
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        await this.RegisterOrUpdateReminder(TickReminder, options.TickPeriod, options.TickPeriod);
        if (state.State.JobId is not null)
            Resume();
    }

    public async ValueTask<JobRun> Start(JobMode mode, JobKind kind, string trigger)
    {
        if (state.State.JobId is { } running)
            return (await analytics.Jobs.GetAsync(running))!;

        var job = await analytics.Jobs.CreateAsync(kind, mode, trigger);
        var watermark = await analytics.Watermarks.GetAsync(Catalog);
        // read before the SKUs: a row changed while the run plans is newer than this, so the next run sees it
        var newWatermark = await source.MaxChangedAtAsync();
        var since = mode == JobMode.Full || watermark is null ? (DateTime?)null : watermark.Value - options.WatermarkOverlap;
        var skus = await source.ReadSkusAsync(since);
        return await BeginAsync(job, mode, since, newWatermark, skus, movesWatermark: true);
    }

    public async ValueTask<JobRun> RecomputeSkus(string[] skus, string trigger)
    {
        if (state.State.JobId is { } running)
            return (await analytics.Jobs.GetAsync(running))!;
        if (skus.Length == 0)
            throw new ArgumentException("name at least one SKU to recompute");
        var job = await analytics.Jobs.CreateAsync(JobKind.RecomputeSku, JobMode.Full, trigger);
        return await BeginAsync(job, JobMode.Full, null, null, [.. skus.Distinct(StringComparer.Ordinal)], movesWatermark: false);
    }

    public async ValueTask<ThresholdChange> ChangeThresholds(string materialGroup, RuleOverride values, string trigger)
    {
        if (state.State.JobId is { } running)
            throw new InvalidOperationException($"run {running} is going: change thresholds when it has finished, so that the recompute they need can start at once");
        var skus = await source.ReadSkusOfGroupAsync(materialGroup);
        if (skus.Count == 0)
            throw new ArgumentException($"materialGroup: no material is in group '{materialGroup}'");
        // an override sits on the group's configured thresholds, not on the override it replaces
        var after = values.Over(rules.Configured.For(materialGroup));
        if (after.Validate() is { } problem)
            throw new ArgumentException(problem);
        var before = (await rules.ReadNowAsync()).For(materialGroup);
        await analytics.Rules.SaveAsync(materialGroup, values);
        var recompute = await RecomputeSkus([.. skus], trigger);
        return new ThresholdChange(materialGroup, before, after, recompute);
    }

    public async ValueTask<JobRun?> Current() =>
        state.State.JobId is { } id ? await analytics.Jobs.GetAsync(id) : null;

    public async ValueTask<JobRun?> Job(long id) => await analytics.Jobs.GetAsync(id);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.JobId is not null)
        {
            Resume();
            return;
        }
        var now = clock.GetUtcNow();
        // No night on record (first tick ever, or grain state kept in memory and lost with a restart): the latest
        // run of any kind covered the data up to when it started, so the night it falls in counts as done.
        state.State.LastNightlySlot ??= (await analytics.Jobs.ListAsync(1)).FirstOrDefault() is { } last
            ? NightlySchedule.LatestSlot(new DateTimeOffset(DateTime.SpecifyKind(last.CreatedAt, DateTimeKind.Utc)), options.NightlyAt, options.TimeZone)
            : null;
        if (NightlySchedule.IsDue(now, state.State.LastNightlySlot, options.NightlyAt, options.TimeZone))
        {
            state.State.LastNightlySlot = NightlySchedule.LatestSlot(now, options.NightlyAt, options.TimeZone);
            await state.WriteStateAsync();
            await Start(JobMode.Incremental, JobKind.Nightly, "reminder");
        }
    }

    private async Task<JobRun> BeginAsync(JobRun job, JobMode mode, DateTime? since, DateTime? newWatermark, List<string> skus, bool movesWatermark)
    {
        int? modelVersion;
        try
        {
            modelVersion = await UsableModelAsync();
        }
        catch (PipelineFailure e)
        {
            job = job with { Status = JobStatus.Failed, StartedAt = job.CreatedAt, FinishedAt = Now, Stage = JobStage.Score, Error = e.Message };
            await analytics.Jobs.UpdateAsync(job);
            return job;
        }
        var run = state.State;
        run.Clear();
        run.JobId = job.Id;
        run.Mode = mode;
        run.ChangedSince = since;
        run.NewWatermark = newWatermark;
        run.MovesWatermark = movesWatermark;
        run.Batches = [.. skus.Chunk(mode == JobMode.Incremental ? options.IncrementalBatchSize : options.BatchSize)];
        run.ModelVersion = modelVersion;
        run.ScoresAfterTraining = modelVersion is null;
        await state.WriteStateAsync();
        // The job was created when the run began to plan: finding what changed is part of the run's time.
        job = job with { Status = JobStatus.Running, StartedAt = job.CreatedAt, Stage = JobStage.Features, SkusTotal = skus.Count, ModelVersion = modelVersion };
        await analytics.Jobs.UpdateAsync(job);
        Resume();
        return job;
    }

    /// <summary>
    /// The latest model version, loaded once here so that a version whose bytes cannot be read fails this run before
    /// anything is written; it is then set aside and the previous version is used from the next run on.
    /// </summary>
    private async Task<int?> UsableModelAsync()
    {
        if (await analytics.Models.GetAsync() is not { } latest)
            return null;
        if (AnomalyModel.IsEarlierFormat(latest.ModelBytes))
        {
            // a model of the format before this release is set aside (and so is every older one); without a model,
            // this run trains one of the current format once its features are written, as a first run does
            await analytics.Models.MarkBrokenAsync(latest.Version, "an earlier model format; this build trains a new version");
            return await UsableModelAsync();
        }
        try
        {
            await models.GetAsync(latest.Version);
            return latest.Version;
        }
        catch (PricingException e)
        {
            await analytics.Models.MarkBrokenAsync(latest.Version, e.Message);
            var previous = await analytics.Models.GetAsync();
            throw new PipelineFailure($"stage {JobStage.Score.Name()}: {e.Message}; version {latest.Version} is set aside and " +
                (previous is null ? "the next run trains a new one" : $"version {previous.Version} stays in use"), e);
        }
    }

    /// <summary>Runs (or goes on running) the persisted plan in the background of this activation.</summary>
    private void Resume()
    {
        if (_running is { IsCompleted: false })
            return;
        _running = RunAsync();
    }

    private async Task RunAsync()
    {
        var run = state.State;
        var jobId = run.JobId!.Value;
        var job = (await analytics.Jobs.GetAsync(jobId))!;
        try
        {
            // read when the run starts or resumes: a FULL batch makes every silo flag with these rules or newer
            var rulesVersion = await analytics.Rules.VersionAsync();
            job = await RunBatchesAsync(job, JobStage.Features, run.Done,
                (worker, skus) => worker.Process(new BatchOrder(jobId, skus, run.Mode, run.ChangedSince, run.ModelVersion, rulesVersion)));
            if (run.ScoresAfterTraining)
            {
                // no model existed when the run started: train the first one on what it wrote, then score those rows
                if (run.ModelVersion is null)
                {
                    job = Progress(job, JobStage.Train);
                    await analytics.Jobs.UpdateAsync(job);
                    run.ModelVersion = (await GrainFactory.GetGrain<IModelTrainerGrain>(Catalog).Train($"job {jobId}")).Version;
                    await state.WriteStateAsync();
                }
                job = await RunBatchesAsync(job with { ModelVersion = run.ModelVersion }, JobStage.Score, run.Rescored,
                    (worker, skus) => worker.Rescore(jobId, skus, run.ModelVersion.Value));
            }

            job = Progress(job, JobStage.Finish);
            await ConvertAgainAsync(jobId);
            await DeriveIncidentsOnceAsync();
            if (run.MovesWatermark && run.NewWatermark is { } watermark)
                await analytics.Watermarks.SetAsync(Catalog, watermark);
            job = job with { Status = JobStatus.Succeeded, FinishedAt = Now, Stage = JobStage.Done };
            logger.JobSucceeded(jobId, job.FinishedAt - job.StartedAt, run.Seconds);
        }
        catch (Exception e)
        {
            logger.JobFailed(e, jobId);
            job = Progress(job, job.Stage ?? JobStage.Features) with { Status = JobStatus.Failed, FinishedAt = Now, Error = e.Message };
        }
        await analytics.Jobs.UpdateAsync(job);
        run.Clear();
        await state.WriteStateAsync();
        if (job.Status == JobStatus.Succeeded)
        {
            _ = WarmNextNightAsync(); // not awaited: the run is over, and the next night is hours away
            _ = TellObserversAsync(jobId);
        }
    }

    /// <summary>Converts the impacts earlier runs wrote with rates that changed since (see <see cref="RateConversion"/>).</summary>
    private async Task ConvertAgainAsync(long jobId)
    {
        var runRates = await reportingRates.ForJobAsync(jobId);
        var run = state.State;
        if (run.RateSpans is null)
        {
            // a FULL run of the whole catalog wrote every row itself: it only records its rates
            run.RateSpans = run.Mode == JobMode.Full && run.MovesWatermark ? new List<RateSpan>() : await conversion.PlanAsync(runRates);
            await state.WriteStateAsync();
        }
        await conversion.ApplyAsync(runRates, run.RateSpans, jobId);
    }

    /// <summary>
    /// Derives the incidents of every SKU once, for an analytics DB whose feature rows predate incidents: runs keep
    /// them from then on. A run that read every SKU's source rows (the first, or a FULL one) derived them all itself.
    /// </summary>
    private async Task DeriveIncidentsOnceAsync()
    {
        var marker = $"{Catalog}:incidents";
        if (await analytics.Watermarks.GetAsync(marker) is not null)
            return;
        var run = state.State;
        if (!(run.ChangedSince is null && run.MovesWatermark))
            foreach (var skus in (await analytics.Features.ReadSkusAsync()).Chunk(options.BatchSize))
                await GrainFactory.GetGrain<IBatchWorkerGrain>(0).DeriveIncidents(skus);
        await analytics.Watermarks.SetAsync(marker, Now);
    }

    /// <summary>Whatever the silo registered to follow a run that succeeded (alerts); a failure is logged, the run stands.</summary>
    private async Task TellObserversAsync(long jobId)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.RunSucceededAsync(jobId, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.RunObserverFailed(e, observer.GetType().Name, jobId);
            }
        }
    }

    /// <summary>Whatever the silo registered to make the next night faster (on SQLite, filling the writer's cache).</summary>
    private async Task WarmNextNightAsync()
    {
        try
        {
            // off the grain's scheduler: SQLite's reads are synchronous, and the grain goes on answering meanwhile
            foreach (var preparation in preparations)
                await Task.Run(() => preparation.PrepareAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.NightPreparationFailed(e);
        }
    }

    /// <summary>Fans the batches not yet in <paramref name="done"/> out to workers, a few at a time, recording each as it finishes.</summary>
    private async Task<JobRun> RunBatchesAsync(JobRun job, JobStage stage, HashSet<int> done, Func<IBatchWorkerGrain, string[], ValueTask<BatchResult>> call)
    {
        var run = state.State;
        var pending = new Queue<int>(Enumerable.Range(0, run.Batches.Count).Where(i => !done.Contains(i)));
        var inFlight = new Dictionary<Task<BatchResult>, int>();
        var slot = 0;
        void Dispatch()
        {
            while (pending.Count > 0 && inFlight.Count < options.Parallelism)
            {
                var batch = pending.Dequeue();
                inFlight[WithRetriesAsync(stage, batch, slot++ % options.Parallelism, call)] = batch;
            }
        }
        Dispatch();
        while (inFlight.Count > 0)
        {
            var finished = await Task.WhenAny(inFlight.Keys);
            var index = inFlight[finished];
            inFlight.Remove(finished);
            var result = await finished; // a batch that failed every attempt ends the run here
            // the next batch starts before this one's progress is recorded: a worker never waits on the bookkeeping
            // (if the silo dies in between, the finished batch is simply run again)
            Dispatch();
            done.Add(index);
            run.SkusDone += result.Skus;
            run.RowsRead += result.RowsRead;
            run.RowsRejected += result.RowsRejected;
            run.FeatureRowsWritten += result.FeatureRowsWritten;
            run.AnomaliesFound += result.AnomaliesFound;
            run.RowsWithoutRate += result.RowsWithoutRate;
            run.Seconds = run.Seconds.Add(result.Seconds);
            await state.WriteStateAsync();
            job = Progress(job, stage);
            await analytics.Jobs.UpdateAsync(job);
        }
        return job;
    }

    private JobRun Progress(JobRun job, JobStage stage)
    {
        var run = state.State;
        return job with
        {
            Stage = stage, SkusDone = run.SkusDone, RowsRead = run.RowsRead, RowsRejected = run.RowsRejected,
            FeatureRowsWritten = run.FeatureRowsWritten, AnomaliesFound = run.AnomaliesFound, RowsWithoutRate = run.RowsWithoutRate,
            Seconds = run.Seconds,
        };
    }

    private async Task<BatchResult> WithRetriesAsync(JobStage stage, int batch, int worker, Func<IBatchWorkerGrain, string[], ValueTask<BatchResult>> call)
    {
        var run = state.State;
        var skus = run.Batches[batch];
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(GrainFactory.GetGrain<IBatchWorkerGrain>(worker), skus);
            }
            catch (Exception e) when (attempt < options.MaxAttempts)
            {
                logger.BatchRetrying(e, batch, run.JobId, stage, attempt, delay);
                await Task.Delay(delay); // wall time on purpose: a backoff waits for a real outage to pass
                delay *= 2;
            }
            catch (Exception e)
            {
                throw new PipelineFailure(
                    $"stage {stage.Name()}: batch {batch + 1} of {run.Batches.Count} (SKUs {skus[0]}..{skus[^1]}) failed {attempt} times: {e.Message}", e);
            }
        }
    }
}

public sealed class PipelineFailure(string message, Exception inner) : Exception(message, inner);
