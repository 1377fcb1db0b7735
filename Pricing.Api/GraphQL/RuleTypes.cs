using GraphQL.Types;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>The thresholds in force for a material group, or the global ones (docs/api.md, Rule thresholds).</summary>
public sealed record GroupThresholds(string? MaterialGroup, RuleThresholds Thresholds);

public sealed class GroupThresholdsType : ObjectGraphType<GroupThresholds>
{
    public GroupThresholdsType()
    {
        Name = "GroupThresholds";
        Field<StringGraphType>("materialGroup").Description("null for the global thresholds every other group follows").Resolve(c => c.Source.MaterialGroup);
        Field<NonNullGraphType<RuleThresholdsType>>("thresholds").Resolve(c => c.Source.Thresholds);
    }

    /// <summary>The global thresholds first, then each group that differs, by name.</summary>
    public static List<GroupThresholds> Of(RuleBook book) =>
        [new(null, book.Global), .. book.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GroupThresholds(g.Key, g.Value))];
}

public sealed class ThresholdChangeType : ObjectGraphType<ThresholdChange>
{
    public ThresholdChangeType()
    {
        Name = "ThresholdChange";
        Field<NonNullGraphType<StringGraphType>>("materialGroup").Resolve(c => c.Source.MaterialGroup);
        Field<NonNullGraphType<RuleThresholdsType>>("before").Resolve(c => c.Source.Before);
        Field<NonNullGraphType<RuleThresholdsType>>("after").Resolve(c => c.Source.After);
        Field<NonNullGraphType<JobRunType>>("recompute").Description("the run that flags the group's SKUs with the new thresholds").Resolve(c => c.Source.Recompute);
    }
}
