namespace Pricing.Seeding;

/// <summary>FNV-1a: a string hash that, unlike string.GetHashCode, is the same in every process.</summary>
internal static class StableHash
{
    public static int Of(params ReadOnlySpan<string> parts)
    {
        var hash = 2166136261u;
        foreach (var part in parts)
        {
            foreach (var c in part)
                hash = (hash ^ c) * 16777619u;
            hash = (hash ^ '|') * 16777619u;
        }
        return (int)hash;
    }
}
