using GraphQL;
using GraphQL.Types;
using Pricing.Grains;
using Pricing.Model;

namespace Pricing.Gateway.GraphQL;

/// <summary>What data engineers start from the UI or scripts. Each returns at once; poll job(id) for the outcome.</summary>
public sealed class PricingMutation : ObjectGraphType
{
    public PricingMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<JobRunType>>("runPipeline")
            .Description("Starts a run; while one is going, returns that one")
            .Argument<PipelineModeType>("mode", a => a.DefaultValue = JobMode.Incremental)
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).RunPipelineAsync(c.GetArgument("mode", JobMode.Incremental), Trigger(c)));

        Field<NonNullGraphType<JobRunType>>("recomputeSku")
            .Description("Recomputes one SKU from the source, replacing its analytics rows")
            .Argument<NonNullGraphType<StringGraphType>>("sku")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).RecomputeSkuAsync(ApiArguments.Sku(c.GetArgument<string>("sku")), Trigger(c)));

        Field<NonNullGraphType<ModelVersionType>>("retrainModel")
            .Description("Trains a new model version on recent feature rows; the next run uses it")
            .ResolveAsync(async c => (object)await PricingQuery.Api(c).RetrainModelAsync(Trigger(c)));
    }

    /// <summary>Who asked, for the job run's trigger column: the API and the caller's address.</summary>
    private static string Trigger(IResolveFieldContext c) =>
        $"graphql:{c.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "local"}";
}
