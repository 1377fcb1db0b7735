using System.Collections.Concurrent;

namespace Pricing.Queries;

/// <summary>
/// Counts (an anomaly filter's totalCount, counts by reason) per silo for a few seconds. A count scans every
/// matching anomaly, while the page beside it reads 50 rows through an index; counts change only when a run
/// writes, so under load one scan per filter every few seconds is enough. Pages themselves are never cached.
/// </summary>
public sealed class CountCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<object> Value)> _entries = new();

    public async Task<T> GetOrAddAsync<T>(string key, Func<Task<T>> count) where T : notnull
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now && !entry.Value.IsFaulted)
            return (T)await entry.Value;
        var fresh = (now + Lifetime, Box(count()));
        _entries[key] = fresh;
        if (_entries.Count > 10_000) // many distinct filters: start over rather than grow
            _entries.Clear();
        return (T)await fresh.Item2;
    }

    private static async Task<object> Box<T>(Task<T> task) where T : notnull => await task;
}
