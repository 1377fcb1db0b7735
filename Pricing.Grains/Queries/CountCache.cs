using System.Collections.Concurrent;

namespace Pricing.Queries;

/// <summary>
/// Counts (an anomaly filter's totalCount, counts by reason) per silo. A count scans every matching anomaly, while
/// the page beside it reads 50 rows through an index; counts change only when a run writes. So a count is kept with
/// the stamp of the runs that had ended when it was counted (<see cref="Storage.JobRuns.RunsEndedStampAsync"/>):
/// once another run has ended the count is taken again before it is served, so right after a run the counts equal
/// the pages, on every silo. Between runs an entry older than <see cref="Lifetime"/> is served as is while a fresh
/// one is counted in the background (a run in progress writes too): no request waits for a count twice. Pages
/// themselves are never cached. Counts run on the thread pool, off the grain's turn: SQLite answers synchronously,
/// and a long count there would hold up the activation's other requests.
/// </summary>
public sealed class CountCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;

    private sealed class Entry(Task<object> value, string stamp, DateTimeOffset computedAt)
    {
        public Task<object> Value { get; } = value;
        public string Stamp { get; } = stamp;
        public DateTimeOffset ComputedAt { get; } = computedAt;
        public int Refreshing;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <param name="stamp">the runs ended now; read before counting, so a count is never newer than its stamp says</param>
    public async Task<T> GetOrAddAsync<T>(string key, string stamp, Func<Task<T>> count) where T : notnull
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && Usable(entry, stamp))
        {
            if (now - entry.ComputedAt > Lifetime && entry.Value.IsCompleted && Interlocked.Exchange(ref entry.Refreshing, 1) == 0)
                _ = Task.Run(() => RefreshAsync(key, stamp, count));
            return (T)await entry.Value;
        }
        if (_entries.Count >= MaxEntries) // many distinct filters: start over rather than grow
            _entries.Clear();
        var fresh = _entries.AddOrUpdate(key, _ => new Entry(Box(Task.Run(count)), stamp, now),
            (_, old) => Usable(old, stamp) ? old : new Entry(Box(Task.Run(count)), stamp, now));
        return (T)await fresh.Value;
    }

    private static bool Usable(Entry entry, string stamp) => !entry.Value.IsFaulted && entry.Stamp == stamp;

    private async Task RefreshAsync<T>(string key, string stamp, Func<Task<T>> count) where T : notnull
    {
        var started = clock.GetUtcNow();
        try
        {
            var value = await count();
            _entries[key] = new Entry(Task.FromResult<object>(value), stamp, started);
        }
        catch
        {
            _entries.TryRemove(key, out _); // the next request counts again, and sees the error if it persists
        }
    }

    private static async Task<object> Box<T>(Task<T> task) where T : notnull => await task;
}
