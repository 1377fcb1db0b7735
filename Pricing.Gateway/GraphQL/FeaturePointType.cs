using GraphQL.Types;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>One series on one date with its features and reasons (docs/api.md, FeaturePoint).</summary>
public sealed class FeaturePointType : ObjectGraphType<FeatureRow>
{
    public FeaturePointType()
    {
        Name = "FeaturePoint";
        AddFeatureFields(this);
    }

    /// <summary>The fields FeaturePoint and Anomaly share.</summary>
    internal static void AddFeatureFields(ObjectGraphType<FeatureRow> type)
    {
        type.Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Sku);
        type.Field<NonNullGraphType<StringGraphType>>("salesOrg").Resolve(c => c.Source.SalesOrg);
        type.Field<NonNullGraphType<StringGraphType>>("customerId").Resolve(c => c.Source.CustomerId);
        type.Field<NonNullGraphType<DateScalar>>("dt").Resolve(c => c.Source.Dt);
        type.Field<NonNullGraphType<FloatGraphType>>("netPrice").Resolve(c => c.Source.NetPrice);
        type.Field<NonNullGraphType<FloatGraphType>>("unitCost").Resolve(c => c.Source.UnitCost);
        type.Field<NonNullGraphType<FloatGraphType>>("marginPct").Resolve(c => c.Source.MarginPct);
        type.Field<FloatGraphType>("priceChange7dPct").Resolve(c => c.Source.PriceChange7dPct);
        type.Field<FloatGraphType>("volatility14dPct").Resolve(c => c.Source.Volatility14dPct);
        type.Field<FloatGraphType>("compMinPrice").Resolve(c => c.Source.CompMinPrice);
        type.Field<FloatGraphType>("compDeltaPct").Resolve(c => c.Source.CompDeltaPct);
        type.Field<FloatGraphType>("mlScore").Resolve(c => c.Source.MlScore);
        type.Field<IntGraphType>("modelVersion").Description("The model version that scored the row").Resolve(c => c.Source.ModelVersion);
        type.Field<StringGraphType>("topFeature").Description("The feature that contributed most to mlScore").Resolve(c => c.Source.TopFeature);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AnomalyReasonType>>>>("reasons")
            .Resolve(c => ReasonNames.All.Where(r => c.Source.Reasons.HasFlag(r.Reason)).Select(r => (object)r.Reason).ToList());
    }
}

/// <summary>A feature row with at least one reason, with an id (its key as a cursor) and its severity.</summary>
public sealed class AnomalyType : ObjectGraphType<FeatureRow>
{
    public AnomalyType()
    {
        Name = "Anomaly";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => AnomalyCursor.Of(c.Source));
        Field<NonNullGraphType<StringGraphType>>("severity").Description("CRITICAL, HIGH, MEDIUM or LOW (docs/architecture.md, Reasons and severity)")
            .Resolve(c => SeverityRules.Of(c.Source).Name());
        FeaturePointType.AddFeatureFields(this);
    }
}
