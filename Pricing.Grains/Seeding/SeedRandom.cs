namespace Pricing.Seeding;

/// <summary>
/// SplitMix64: a tiny, fast generator whose sequence is fixed by its seed on every platform and .NET version,
/// so the same <c>--seed</c> always produces the same catalog.
/// </summary>
public sealed class SeedRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for one item (a SKU, a series) that does not depend on how many items came before it.</summary>
    public static SeedRandom For(int seed, params ReadOnlySpan<int> path)
    {
        var state = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        foreach (var part in path)
            state = Mix(state ^ ((ulong)(uint)part + 0x632BE59BD9B4E019UL));
        return new SeedRandom(state);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [0, n).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 33) % (ulong)n);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
