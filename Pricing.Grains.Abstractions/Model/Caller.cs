namespace Pricing.Model;

/// <summary>Who is asking, and the role their request carries (a token's, or their own when signed in).</summary>
[GenerateSerializer, Immutable]
public sealed record Caller([property: Id(0)] string Name, [property: Id(1)] Role Role);
