namespace Pricing.Pipeline;

public static class PipelineCatalog
{
    /// <summary>The one catalog of a deployment (the pipeline grain's key).</summary>
    public const string Default = "default";
}
