using Pricing.Storage;

namespace Pricing.Seeding;

/// <summary>Where the source's data ends, in days and in change timestamps.</summary>
internal static class SourceClock
{
    public static async Task<DateOnly> LatestDayAsync(SqlDatabase source, CancellationToken ct)
    {
        var latest = await source.ListAsync("SELECT MAX(dt) FROM daily_prices", null, r => r.GetNullableDate(0), ct);
        return latest[0] ?? throw new InvalidOperationException("the source database has no price rows yet; run `seed` first");
    }

    /// <summary>
    /// A changed_at for new writes that is later than everything already there, even when the data
    /// was generated with future timestamps or the clock went back, so incremental runs always see it.
    /// </summary>
    public static async Task<DateTime> NextChangedAtAsync(SqlDatabase source, TimeProvider clock, CancellationToken ct)
    {
        var store = new SourceStore(source);
        var newest = await store.MaxChangedAtAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Unspecified); // DATETIME(6) keeps microseconds
        return newest is { } n && n >= now ? n.AddMilliseconds(1) : now;
    }
}
