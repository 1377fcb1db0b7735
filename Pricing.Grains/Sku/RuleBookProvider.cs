using Pricing.Model;
using Pricing.Storage;

namespace Pricing.Sku;

/// <summary>
/// The rules in force on this silo: configured thresholds with the analytics DB's per-group overrides, read
/// asynchronously (a blocking read inside a grain activation would deadlock the grain's scheduler) and read again
/// when a recompute asks for a newer version than this silo holds, or at most <see cref="MaxAge"/> after the last
/// read for everything else (docs/architecture.md, Rule thresholds).
/// </summary>
public sealed class RuleBookProvider(RuleBook configured, AnalyticsStore analytics, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>The thresholds of the configuration, under the database's overrides.</summary>
    public RuleBook Configured => configured;

    private readonly Lock _gate = new();
    private Task<RuleBook>? _read;
    private DateTimeOffset _readAt;

    /// <summary>The rules, at least of <paramref name="atLeastVersion"/> (a recompute's version of them).</summary>
    public async Task<RuleBook> GetAsync(long atLeastVersion = 0)
    {
        var (read, readAt) = Current();
        var book = await read;
        return book.Version >= atLeastVersion && clock.GetUtcNow() - readAt < MaxAge ? book : await ReadAgain(read);
    }

    /// <summary>Reads the rules now, for a caller that must see a change it just made.</summary>
    public Task<RuleBook> ReadNowAsync() => ReadAgain(Current().Read);

    private (Task<RuleBook> Read, DateTimeOffset ReadAt) Current()
    {
        lock (_gate)
        {
            if (_read is null || _read.IsFaulted || _read.IsCanceled)
                Start();
            return (_read!, _readAt);
        }
    }

    /// <summary>Starts a new read unless another caller already replaced <paramref name="stale"/>.</summary>
    private Task<RuleBook> ReadAgain(Task<RuleBook> stale)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_read, stale))
                Start();
            return _read!;
        }
    }

    private void Start()
    {
        _readAt = clock.GetUtcNow();
        _read = analytics.Rules.ReadRuleBookAsync(configured);
    }
}
