using Pricing.Features;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Sku;

/// <summary>
/// A SKU as a grain: holds its <see cref="SkuState"/>, loads history when a batch reaches past it, persists the
/// window together with the changes not yet confirmed as written, and returns those changes until acknowledged.
/// </summary>
public sealed class SkuGrain(
    [PersistentState(SkuGrain.StateName, PricingStorage.SkuState)] IPersistentState<SkuGrainState> persisted,
    ISkuHistorySource history,
    RuleBookProvider rules) : Grain, ISkuGrain, ISkuWarmup
{
    /// <summary>The name its state is stored under.</summary>
    internal const string StateName = "sku";

    private SkuState _state = null!;
    private readonly SkuChanges _changes = new();

    /// <summary>Storage still holds changes that were acknowledged since (cleared in memory only).</summary>
    private bool _acknowledgedSinceWrite;

    /// <summary>A call failed half-way: memory may be ahead of storage, which must then not be overwritten.</summary>
    private bool _failed;

    private string Sku => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        var material = await history.MaterialAsync(Sku, ct);
        var thresholds = (await rules.GetAsync()).For(material?.MaterialGroup);
        _state = persisted.State.Window is { } window
            ? SkuState.FromSnapshot(Sku, material, thresholds, window)
            : SkuState.Forgotten(Sku, material, thresholds); // new, or its state was in memory: the first batch reads history
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        // Idle SKU grains are collected between nights: without this write the next night's activation would hand
        // back, and the pipeline write again, every change of the previous night.
        if (_acknowledgedSinceWrite && !_failed)
            await persisted.WriteStateAsync(ct);
    }

    public async ValueTask<SkuChangeSet> Apply(PriceRow[] prices, CompetitorRow[] competitors, BilledQuantity[] quantities)
    {
        var batch = new SkuBatch(prices, competitors, quantities);
        var loadedHistory = false;
        try
        {
            loadedHistory = await LoadHistoryAsync(_state.HistoryNeededFrom(batch));
            _changes.Clear();
            _state.Apply(batch, _changes);
            persisted.State.Pending.Add(_changes);
            await SaveAsync();
        }
        catch
        {
            // The in-memory window may be ahead of what was persisted: start again from storage next call.
            _failed = true;
            DeactivateOnIdle();
            throw;
        }
        return persisted.State.Pending.ToChangeSet(Sku, persisted.State.Version, batch.Count, _changes.Rejections.Count, loadedHistory) with
        {
            Currency = _state.Material?.Currency,
        };
    }

    public ValueTask Acknowledge(long version)
    {
        // Cleared in memory only, and written with the next change or on deactivation: if the silo dies first,
        // the acknowledged changes come back once more and are written again, which is harmless. Never lost, and
        // no second storage write in the middle of a run.
        if (version == persisted.State.Version && !persisted.State.Pending.IsEmpty)
        {
            persisted.State.Pending.Clear();
            _acknowledgedSinceWrite = true;
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<SkuChangeSet> Rebuild(PriceRow[] prices, CompetitorRow[] competitors, BilledQuantity[] quantities, long rulesVersion)
    {
        // the material and the rules are read again: a full rebuild is also how a changed currency, group or
        // threshold takes effect
        var material = await history.MaterialAsync(Sku);
        var fresh = new SkuState(Sku, material, (await rules.GetAsync(rulesVersion)).For(material?.MaterialGroup));
        var all = new SkuBatch(prices, competitors, quantities);
        var changes = new SkuChanges();
        fresh.Apply(all, changes);
        _state = fresh;
        persisted.State.Pending.Clear();
        await SaveAsync();
        // A recompute replaces the SKU's rows as a whole, so it hands back everything, not a difference.
        return new SkuChangeSet(Sku, persisted.State.Version, [.. changes.Upserts], [], [.. changes.Rejections], [], all.Count, changes.Rejections.Count, false,
            material?.Currency);
    }

    /// <summary>Persists the window and the pending changes under the next change-set version.</summary>
    private async Task SaveAsync()
    {
        persisted.State.Window = _state.ToSnapshot();
        persisted.State.Version++;
        await persisted.WriteStateAsync();
        _acknowledgedSinceWrite = false;
    }

    public async ValueTask Wake(DateOnly nextDay) => await LoadHistoryAsync(_state.HistoryNeededFrom(nextDay));

    /// <summary>Reads the source from <paramref name="from"/> into the held window, when there is a day to read from.</summary>
    private async Task<bool> LoadHistoryAsync(DateOnly? from)
    {
        if (from is not { } day)
            return false;
        _state.AddHistory(await history.LoadAsync(Sku, day));
        return true;
    }

    public ValueTask<SkuChangeSet> Rehearse(PriceRow[] prices, CompetitorRow[] competitors)
    {
        var batch = new SkuBatch(prices, competitors);
        var rehearsed = new PendingChanges();
        if (_state.HistoryNeededFrom(batch) is null)
        {
            var changes = new SkuChanges();
            _state.Copy().Apply(batch, changes);
            rehearsed.Add(changes);
        }
        return ValueTask.FromResult(rehearsed.ToChangeSet(Sku, persisted.State.Version, batch.Count, rehearsed.Rejections.Count, false));
    }

    public ValueTask<SkuLiveState> GetState() => ValueTask.FromResult(new SkuLiveState(
        Sku, _state.Latest, _state.ComputableFrom, [.. _state.CurrentFeatures()], _state.HeldDayCount, _state.SeriesCount, _state.CompetitorCount));
}
