namespace Pricing.Model;

/// <summary>
/// Rule thresholds: one global set, and overrides for some material groups (tools tolerate thinner margins than
/// paint). <see cref="Version"/> counts the changes of the database's overrides.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RuleBook(
    [property: Id(0)] RuleThresholds Global,
    [property: Id(1)] IReadOnlyDictionary<string, RuleThresholds> Groups,
    [property: Id(2)] long Version = 0)
{
    public static readonly RuleBook Default = new(RuleThresholds.Default, new Dictionary<string, RuleThresholds>());

    public RuleThresholds For(string? materialGroup) =>
        materialGroup is not null && Groups.TryGetValue(materialGroup, out var rules) ? rules : Global;
}
