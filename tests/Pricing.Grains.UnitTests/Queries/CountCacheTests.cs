using Microsoft.Extensions.Time.Testing;
using Pricing.Queries;

namespace Pricing.Grains.UnitTests.Queries;

public sealed class CountCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private int _counted;

    private Func<Task<long>> Counting(long value) => () =>
    {
        Interlocked.Increment(ref _counted);
        return Task.FromResult(value);
    };

    [Fact]
    public async Task Under_one_stamp_a_count_is_served_from_the_cache()
    {
        var cache = new CountCache(_clock);

        Assert.Equal(1, await cache.GetOrAddAsync("k", "1 a", Counting(1)));
        Assert.Equal(1, await cache.GetOrAddAsync("k", "1 a", Counting(2)));
        Assert.Equal(1, _counted);
    }

    [Fact]
    public async Task After_another_run_ended_the_count_is_taken_again_before_it_is_served()
    {
        var cache = new CountCache(_clock);
        await cache.GetOrAddAsync("k", "1 a", Counting(1));

        Assert.Equal(2, await cache.GetOrAddAsync("k", "2 b", Counting(2)));
        Assert.Equal(2, await cache.GetOrAddAsync("k", "2 b", Counting(3)));
    }

    [Fact]
    public async Task An_old_count_is_served_while_a_fresh_one_is_taken_in_the_background()
    {
        var cache = new CountCache(_clock);
        await cache.GetOrAddAsync("k", "1 a", Counting(1));
        _clock.Advance(CountCache.Lifetime + TimeSpan.FromSeconds(1));
        var fresh = new TaskCompletionSource<long>();

        Assert.Equal(1, await cache.GetOrAddAsync("k", "1 a", () => fresh.Task));
        fresh.SetResult(5);
        for (var i = 0; i < 100 && await cache.GetOrAddAsync("k", "1 a", Counting(9)) != 5; i++)
            await Task.Delay(10);
        Assert.Equal(5, await cache.GetOrAddAsync("k", "1 a", Counting(9)));
        Assert.Equal(1, _counted);
    }

    [Fact]
    public async Task A_failed_count_is_not_kept()
    {
        var cache = new CountCache(_clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrAddAsync<long>("k", "1 a", () => throw new InvalidOperationException("down")));

        Assert.Equal(3, await cache.GetOrAddAsync("k", "1 a", Counting(3)));
    }
}
