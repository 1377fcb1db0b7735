using Pricing.Grains;
using Pricing.Gateway.GraphQL;
using Pricing.Model;

namespace Pricing.Gateway;

/// <summary>
/// What GraphQL and REST both do, over grains only: the gateway never opens a database. Arguments arrive checked
/// (see <see cref="ApiArguments"/>); what needs the data to check (an unknown SKU) is checked here.
/// </summary>
public sealed class PricingApi(IGrainFactory grains)
{
    private IAnalyticsQueryGrain Queries => grains.GetGrain<IAnalyticsQueryGrain>(0);
    private IIdentityGrain Identity => grains.GetGrain<IIdentityGrain>(0);
    private IPipelineGrain Pipeline => grains.GetGrain<IPipelineGrain>(PipelineCatalog.Default);

    public async Task<AnomalyPage> AnomaliesAsync(AnomalyFilter filter, AnomalyOrder order, int first, AnomalyPosition? after)
    {
        ApiArguments.DateRange(filter.DtFrom, filter.DtTo);
        return await Queries.Anomalies(filter, order, first, after);
    }

    public async Task<IncidentPage> IncidentsAsync(IncidentFilter filter, IncidentOrder order, int first, IncidentPosition? after)
    {
        ApiArguments.DateRange(filter.DtFrom, filter.DtTo);
        return await Queries.Incidents(filter, order, first, after);
    }

    public async Task<IncidentDetail?> IncidentAsync(long id) => await Queries.Incident(id);

    public async Task<List<ImpactGroup>> ImpactSummaryAsync(DateOnly? from, DateOnly? to, ImpactGroupBy groupBy)
    {
        ApiArguments.DateRange(from, to);
        return await Queries.ImpactSummary(from, to, groupBy);
    }

    public async Task<List<ReasonCount>> ReasonCountsAsync(DateOnly? from, DateOnly? to)
    {
        ApiArguments.DateRange(from, to);
        return await Queries.ReasonCounts(from, to);
    }

    public async Task<SkuDetail> SkuDetailAsync(string sku, int days) =>
        await Queries.SkuDetail(sku, days) ?? throw UnknownSku(sku);

    public async Task<List<JobRun>> JobsAsync(int first) => await Queries.Jobs(first);

    public async Task<JobRun?> JobAsync(long id) => await Queries.Job(id);

    public async Task<JobRun?> LatestJobAsync() => (await Queries.Jobs(1)).FirstOrDefault();

    public async Task<List<RejectedRow>> RejectedRowsAsync(string? table, string? sku, long? jobId, string? reason, int first, int offset)
    {
        if (table is not null && table != SourceTables.DailyPrices && table != SourceTables.CompetitorPrices)
            throw new ApiArgumentException(ApiArgumentException.BadArgument, $"table must be {SourceTables.DailyPrices} or {SourceTables.CompetitorPrices} (got '{table}')");
        return await Queries.RejectedRows(table, sku, jobId, reason, first, offset);
    }

    public async Task<List<ModelVersion>> ModelVersionsAsync() => await Queries.ModelVersions();

    public async Task<List<AuditEntry>> AuditLogAsync(int first, long? afterId) => await Identity.AuditLog(first, afterId);

    // The changes: each names its caller in the job's trigger (how it came in, and who) and in the audit log.

    /// <summary>Starts a run, or returns the one going; only a run this call started is audited as started.</summary>
    public Task<JobRun> RunPipelineAsync(JobMode mode, Caller caller, string via) =>
        grains.StartAuditedAsync(caller, AuditActions.RunStarted, p => p.Start(mode, JobKind.Manual, Trigger(caller, via)), job => $"run {job.Id} ({mode.Name()})");

    /// <summary>Recomputes a SKU, or returns the run going; only a recompute this call started is audited.</summary>
    public async Task<JobRun> RecomputeSkuAsync(string sku, Caller caller, string via)
    {
        _ = await Queries.SkuDetail(sku, 1) ?? throw UnknownSku(sku);
        return await grains.StartAuditedAsync(caller, AuditActions.RecomputeStarted, p => p.RecomputeSkus([sku], Trigger(caller, via)),
            job => $"run {job.Id} recomputes {sku}");
    }

    public async Task<ModelVersion> RetrainModelAsync(Caller caller, string via)
    {
        var model = await grains.GetGrain<IModelTrainerGrain>(PipelineCatalog.Default).Train(Trigger(caller, via));
        await Identity.Audit(caller, AuditActions.ModelRetrained, $"model version {model.Version}");
        return model;
    }

    public async Task<List<GroupThresholds>> RuleThresholdsAsync() => GroupThresholdsType.Of(await Queries.RuleBook());

    /// <summary>Sets a material group's thresholds and starts the recompute that applies them.</summary>
    public async Task<ThresholdChange> SetRuleThresholdsAsync(string materialGroup, RuleOverride values, Caller caller, string via)
    {
        ThresholdChange change;
        try
        {
            change = await Pipeline.ChangeThresholds(materialGroup, values, Trigger(caller, via));
        }
        catch (ArgumentException e)
        {
            throw new ApiArgumentException(ApiArgumentException.BadArgument, e.Message);
        }
        catch (InvalidOperationException e)
        {
            throw new ApiArgumentException(ApiArgumentException.RunInProgress, e.Message);
        }
        await Identity.Audit(caller, AuditActions.ThresholdsChanged,
            $"{materialGroup}: {change.Describe()}; run {change.Recompute.Id} recomputes the group");
        return change;
    }

    // An analyst's work on an incident: written to its history with the caller, and to the audit log.

    public Task<IncidentDetail> SetIncidentStatusAsync(long id, IncidentStatus status, string? note, Caller caller) =>
        ChangeIncidentAsync(id, i => i.SetStatus(status, ApiArguments.Text(note, "note", 2000), caller), caller, AuditActions.IncidentStatusSet,
            $"incident {id}: {status.Name()}" + (note is null ? "" : $" ({note})"));

    public Task<IncidentDetail> AssignIncidentAsync(long id, string? assignee, Caller caller) =>
        ChangeIncidentAsync(id, i => i.Assign(ApiArguments.Text(assignee, "assignee", 100), caller), caller, AuditActions.IncidentAssigned,
            $"incident {id}: assigned to {(string.IsNullOrWhiteSpace(assignee) ? "nobody" : assignee.Trim())}");

    public Task<IncidentDetail> CommentIncidentAsync(long id, string text, Caller caller) =>
        ChangeIncidentAsync(id, i => i.Comment(ApiArguments.Text(text, "text", 2000) ?? "", caller), caller, AuditActions.IncidentCommented, $"incident {id}");

    private async Task<IncidentDetail> ChangeIncidentAsync(long id, Func<IIncidentGrain, ValueTask<IncidentDetail?>> change, Caller caller, string action, string subject)
    {
        IncidentDetail? changed;
        try
        {
            changed = await change(grains.GetGrain<IIncidentGrain>(id));
        }
        catch (ArgumentException e)
        {
            throw new ApiArgumentException(ApiArgumentException.BadArgument, e.Message);
        }
        if (changed is null)
            throw new ApiArgumentException(ApiArgumentException.NotFound, $"id: there is no incident {id}");
        await Identity.Audit(caller, action, subject);
        return changed;
    }

    public Task<IncidentDetail> SnoozeIncidentAsync(long id, DateTime? until, Caller caller) =>
        ChangeIncidentAsync(id, i => i.Snooze(until, caller), caller, AuditActions.IncidentSnoozed,
            $"incident {id}: " + (until is { } u ? $"snoozed until {u:yyyy-MM-ddTHH:mm:ssZ}" : "no longer snoozed"));

    // Pricing managers' alert subscriptions; the secret of a webhook is written, never read back.

    private IAlertSubscriptionsGrain Subscriptions => grains.GetGrain<IAlertSubscriptionsGrain>(0);

    public async Task<List<AlertSubscription>> AlertSubscriptionsAsync() => await Subscriptions.List();

    public async Task<AlertSubscription> CreateAlertSubscriptionAsync(AlertSubscriptionInput input, Caller caller)
    {
        var created = await Subscriptions.Create(input, caller);
        await Identity.Audit(caller, AuditActions.AlertSubscriptionCreated, $"alert subscription {created.Id} '{created.Name}' ({created.Channel.Name()}, {created.Mode.Name()})");
        return created;
    }

    public async Task<AlertSubscription> UpdateAlertSubscriptionAsync(long id, AlertSubscriptionInput input, Caller caller)
    {
        var updated = await Subscriptions.Update(id, input) ?? throw NoSubscription(id);
        await Identity.Audit(caller, AuditActions.AlertSubscriptionUpdated, $"alert subscription {id} '{updated.Name}'");
        return updated;
    }

    public async Task<bool> DeleteAlertSubscriptionAsync(long id, Caller caller)
    {
        if (!await Subscriptions.Delete(id))
            throw NoSubscription(id);
        await Identity.Audit(caller, AuditActions.AlertSubscriptionDeleted, $"alert subscription {id}");
        return true;
    }

    /// <summary>Sends a test message at once and returns how it went.</summary>
    public async Task<AlertDelivery> TestAlertSubscriptionAsync(long id)
    {
        var delivery = await grains.GetGrain<IAlertGrain>(0).SendTest(id) ?? throw NoSubscription(id);
        return (await Subscriptions.Deliveries(id, null, 20)).First(d => d.Id == delivery);
    }

    public async Task<List<AlertDelivery>> AlertDeliveriesAsync(long? subscriptionId, AlertDeliveryStatus? status, int first) =>
        await Subscriptions.Deliveries(subscriptionId, status, first);

    private static ApiArgumentException NoSubscription(long id) => new(ApiArgumentException.NotFound, $"id: there is no alert subscription {id}");

    private static string Trigger(Caller caller, string via) => $"{via}:{caller.Name}";

    private static ApiArgumentException UnknownSku(string sku) =>
        new(ApiArgumentException.UnknownSku, $"sku: '{sku}' is not in the material master");
}
