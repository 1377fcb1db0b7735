using GraphQL.Types;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>One series on one date with its features and reasons (docs/api.md, FeaturePoint).</summary>
public sealed class FeaturePointType : ObjectGraphType<FeatureRow>
{
    public FeaturePointType()
    {
        Name = "FeaturePoint";
        AddFeatureFields(this, r => r);
    }

    /// <summary>The fields FeaturePoint and Anomaly share.</summary>
    internal static void AddFeatureFields<T>(ObjectGraphType<T> type, Func<T, FeatureRow> row)
    {
        type.Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => row(c.Source).Sku);
        type.Field<NonNullGraphType<StringGraphType>>("salesOrg").Resolve(c => row(c.Source).SalesOrg);
        type.Field<NonNullGraphType<StringGraphType>>("customerId").Resolve(c => row(c.Source).CustomerId);
        type.Field<NonNullGraphType<DateScalar>>("dt").Resolve(c => row(c.Source).Dt);
        type.Field<NonNullGraphType<FloatGraphType>>("netPrice").Resolve(c => row(c.Source).NetPrice);
        type.Field<NonNullGraphType<FloatGraphType>>("unitCost").Resolve(c => row(c.Source).UnitCost);
        type.Field<NonNullGraphType<FloatGraphType>>("marginPct").Resolve(c => row(c.Source).MarginPct);
        type.Field<FloatGraphType>("priceChange7dPct").Resolve(c => row(c.Source).PriceChange7dPct);
        type.Field<FloatGraphType>("volatility14dPct").Resolve(c => row(c.Source).Volatility14dPct);
        type.Field<FloatGraphType>("compMinPrice").Resolve(c => row(c.Source).CompMinPrice);
        type.Field<FloatGraphType>("compDeltaPct").Resolve(c => row(c.Source).CompDeltaPct);
        type.Field<FloatGraphType>("mlScore").Resolve(c => row(c.Source).MlScore);
        type.Field<IntGraphType>("modelVersion").Description("The model version that scored the row").Resolve(c => row(c.Source).ModelVersion);
        type.Field<StringGraphType>("topFeature").Description("The feature that contributed most to mlScore").Resolve(c => row(c.Source).TopFeature);
        type.Field<NonNullGraphType<FloatGraphType>>("quantity")
            .Description("Q(d): the units billed that day, else the mean daily units of [d-27, d] (docs/analysts.md, Money at stake)")
            .Resolve(c => row(c.Source).Quantity);
        type.Field<NonNullGraphType<FloatGraphType>>("impact")
            .Description("Money at stake on this row in the SKU's currency: the largest of its rule reasons' impacts, 0 without one")
            .Resolve(c => row(c.Source).Impact);
        type.Field<FloatGraphType>("impactReporting")
            .Description("impact in the reporting currency (Pricing:ReportingCurrency); null when no exchange rate covers the day")
            .Resolve(c => row(c.Source).ImpactReporting);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AnomalyReasonType>>>>("reasons")
            .Resolve(c => ReasonNames.All.Where(r => row(c.Source).Reasons.HasFlag(r.Reason)).Select(r => (object)r.Reason).ToList());
    }
}

/// <summary>A feature row with at least one reason, and the rule thresholds its SKU's material group applies.</summary>
public sealed record Anomaly(FeatureRow Row, RuleThresholds Thresholds);

/// <summary>An anomaly with an id (its key as a cursor), its severity, and the thresholds its reasons were checked against.</summary>
public sealed class AnomalyType : ObjectGraphType<Anomaly>
{
    public AnomalyType()
    {
        Name = "Anomaly";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => AnomalyCursor.Of(c.Source.Row));
        Field<NonNullGraphType<StringGraphType>>("severity").Description("CRITICAL, HIGH, MEDIUM or LOW (docs/architecture.md, Reasons and severity)")
            .Resolve(c => SeverityRules.Of(c.Source.Row).Name());
        Field<NonNullGraphType<RuleThresholdsType>>("thresholds")
            .Description("The rule thresholds in force for this SKU's material group (global ones unless the group overrides them)")
            .Resolve(c => c.Source.Thresholds);
        FeaturePointType.AddFeatureFields(this, a => a.Row);
    }
}

public sealed class RuleThresholdsType : ObjectGraphType<RuleThresholds>
{
    public RuleThresholdsType()
    {
        Name = "RuleThresholds";
        Description = "In percent (docs/architecture.md, Reasons and severity)";
        Field<NonNullGraphType<FloatGraphType>>("negativeMarginPct").Description("NEGATIVE_MARGIN below this margin").Resolve(c => c.Source.NegativeMarginPct);
        Field<NonNullGraphType<FloatGraphType>>("lowMarginPct").Description("LOW_MARGIN below this margin").Resolve(c => c.Source.LowMarginPct);
        Field<NonNullGraphType<FloatGraphType>>("priceSpikePct").Description("PRICE_SPIKE beyond this 7-day change, either way").Resolve(c => c.Source.PriceSpikePct);
        Field<NonNullGraphType<FloatGraphType>>("competitorUndercutPct").Description("COMPETITOR_UNDERCUT beyond this gap to the cheapest competitor").Resolve(c => c.Source.CompetitorUndercutPct);
    }
}
