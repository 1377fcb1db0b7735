using GraphQL.Types;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>One series (sales org × customer) of a SKU with its points in date order.</summary>
public sealed record PriceSeries(string SalesOrg, string CustomerId, List<FeatureRow> Points);

/// <summary>SKU detail for the drill-down: master data, series, anomalies, competitor snapshots, and the live grain.</summary>
public sealed class SkuDetailType : ObjectGraphType<SkuDetail>
{
    public SkuDetailType()
    {
        Name = "SkuDetail";
        Field<NonNullGraphType<StringGraphType>>("sku").Resolve(c => c.Source.Material.Sku);
        Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Material.Description);
        Field<NonNullGraphType<StringGraphType>>("materialGroup").Resolve(c => c.Source.Material.MaterialGroup);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Material.Currency);
        Field<NonNullGraphType<StringGraphType>>("baseUom").Resolve(c => c.Source.Material.BaseUom);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PriceSeriesType>>>>("series").Resolve(c => c.Source.Points
            .GroupBy(p => (p.SalesOrg, p.CustomerId))
            .Select(g => new PriceSeries(g.Key.SalesOrg, g.Key.CustomerId, [.. g.OrderBy(p => p.Dt)])).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AnomalyType>>>>("anomalies")
            .Resolve(c => c.Source.Points.Where(p => p.Reasons != AnomalyReasons.None).OrderByDescending(p => p.Dt)
                .ThenBy(p => p.SalesOrg, StringComparer.Ordinal).ThenBy(p => p.CustomerId, StringComparer.Ordinal)
                .Select(p => new Anomaly(p, c.Source.Thresholds)).ToList());
        Field<NonNullGraphType<RuleThresholdsType>>("thresholds").Description("The rule thresholds in force for the SKU's material group")
            .Resolve(c => c.Source.Thresholds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompetitorSnapshotType>>>>("competitors").Resolve(c => c.Source.Competitors);
        Field<SkuLiveStateType>("liveState").Description("What the SKU grain holds right now (activates it if needed)")
            .ResolveAsync(async c => (object?)await c.RequestServices!.GetRequiredService<IGrainFactory>()
                .GetGrain<ISkuGrain>(c.Source.Material.Sku).GetState());
    }
}

public sealed class PriceSeriesType : ObjectGraphType<PriceSeries>
{
    public PriceSeriesType()
    {
        Name = "PriceSeries";
        Field<NonNullGraphType<StringGraphType>>("salesOrg").Resolve(c => c.Source.SalesOrg);
        Field<NonNullGraphType<StringGraphType>>("customerId").Resolve(c => c.Source.CustomerId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeaturePointType>>>>("points").Resolve(c => c.Source.Points);
    }
}

public sealed class CompetitorSnapshotType : ObjectGraphType<CompetitorRow>
{
    public CompetitorSnapshotType()
    {
        Name = "CompetitorSnapshot";
        Field<NonNullGraphType<StringGraphType>>("competitor").Resolve(c => c.Source.Competitor);
        Field<NonNullGraphType<DateScalar>>("dt").Resolve(c => c.Source.Dt);
        Field<NonNullGraphType<FloatGraphType>>("price").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Currency);
    }
}

public sealed class SkuLiveStateType : ObjectGraphType<SkuLiveState>
{
    public SkuLiveStateType()
    {
        Name = "SkuLiveState";
        Field<DateScalar>("latest").Resolve(c => c.Source.Latest);
        Field<DateScalar>("computableFrom").Description("first date whose features the grain can recompute from what it holds").Resolve(c => c.Source.ComputableFrom);
        Field<NonNullGraphType<IntGraphType>>("heldDays").Resolve(c => c.Source.HeldDays);
        Field<NonNullGraphType<IntGraphType>>("seriesCount").Resolve(c => c.Source.SeriesCount);
        Field<NonNullGraphType<IntGraphType>>("competitorCount").Resolve(c => c.Source.CompetitorCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeaturePointType>>>>("latestFeatures").Resolve(c => c.Source.Features);
    }
}
