namespace Pricing.Sku;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class PricingStorage
{
    public const string SkuState = "skus";
    public const string PipelineState = "pipeline";
}
